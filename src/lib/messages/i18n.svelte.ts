import type { Catalogue } from './catalogue';
import { en } from './en';
import { formatClock, formatIsoDate, formatMessage, formatMoment, formatSize } from './format';
import { DEFAULT_LANGUAGE, directionOf, isLanguage, matchLanguage, type Language } from './languages';
import { addScriptFont } from './script-fonts';

/**
 * The language the person chose, and its catalogue. English ships with the first load; every other
 * catalogue is its own small file, fetched once and kept by the service worker for offline use.
 */
const STORAGE_KEY = 'pathways.language';

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Catalogue>> = {
	es: () => import('./es').then((module) => module.es),
	ar: () => import('./ar').then((module) => module.ar),
	ne: () => import('./ne').then((module) => module.ne)
};

let current = $state.raw<{ language: Language; messages: Catalogue }>({
	language: DEFAULT_LANGUAGE,
	messages: en
});

/**
 * The active catalogue: `t.sync.synced`. Reading through it inside a template or `$derived` tracks
 * the language, so every screen re-renders in place when the person switches.
 */
export const t: Catalogue = new Proxy({} as Catalogue, {
	get: (_target, key) => current.messages[key as keyof Catalogue],
	has: (_target, key) => key in current.messages,
	ownKeys: () => Reflect.ownKeys(current.messages),
	getOwnPropertyDescriptor: (_target, key) => ({
		configurable: true,
		enumerable: true,
		value: current.messages[key as keyof Catalogue]
	})
});

export function language(): Language {
	return current.language;
}

export async function loadCatalogue(code: Language): Promise<Catalogue> {
	return code === 'en' ? en : loaders[code]();
}

/** Switches every screen to `code`, and remembers it on this device. */
export async function setLanguage(code: Language): Promise<void> {
	const messages = await loadCatalogue(code);
	current = { language: code, messages };
	try {
		localStorage.setItem(STORAGE_KEY, code);
	} catch {
		// Private windows may refuse storage: the choice then lasts until the tab closes.
	}
	applyToDocument(code);
}

/** At start: the choice made on this device, else the browser's languages, else English. */
export async function startLanguage(): Promise<void> {
	let saved: string | null;
	try {
		saved = localStorage.getItem(STORAGE_KEY);
	} catch {
		saved = null;
	}
	const code = isLanguage(saved) ? saved : matchLanguage(navigator.languages ?? []);
	try {
		await setLanguage(code);
	} catch {
		// Offline before the catalogue was ever fetched: English, rather than nothing.
		current = { language: DEFAULT_LANGUAGE, messages: en };
		applyToDocument(DEFAULT_LANGUAGE);
	}
}

function applyToDocument(code: Language): void {
	if (typeof document === 'undefined') return;
	addScriptFont(code);
	document.documentElement.lang = code;
	document.documentElement.dir = directionOf(code);
}

/** Fills `{name}` placeholders and plural forms in the active language. */
export function format(template: string, values: Record<string, string | number>): string {
	return formatMessage(current.language, template, values);
}

/** The label of a choice value; an unknown value (from a newer version) shows as it is. */
export function optionLabel(value: string): string {
	const options = current.messages.options as Record<string, string>;
	return options[value] ?? value;
}

export const formatDate = (isoDate: string, style: 'long' | 'medium' = 'long') =>
	formatIsoDate(current.language, isoDate, style);
export const formatDateTime = (when: number | string) => formatMoment(current.language, when);
export const formatTime = (when: number | string) => formatClock(current.language, when);
export const formatBytes = (bytes: number) => formatSize(current.language, bytes);
