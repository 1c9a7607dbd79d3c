/**
 * The languages Pathways speaks. Each is named in its own language, so a parent finds theirs
 * without reading English. Shared by the app and the server (which keeps each person's choice).
 */
export const LANGUAGES = [
	{ code: 'en', name: 'English', dir: 'ltr' },
	{ code: 'es', name: 'Español', dir: 'ltr' },
	{ code: 'ar', name: 'العربية', dir: 'rtl' },
	{ code: 'ne', name: 'नेपाली', dir: 'ltr' }
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export type Direction = 'ltr' | 'rtl';

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
	return LANGUAGES.some((language) => language.code === value);
}

export function directionOf(language: Language): Direction {
	return LANGUAGES.find((entry) => entry.code === language)?.dir ?? 'ltr';
}

/** The best of our languages for a browser's preference list (`navigator.languages`), e.g. "es-MX" → "es". */
export function matchLanguage(preferences: readonly string[]): Language {
	for (const preference of preferences) {
		const base = preference.toLowerCase().split('-')[0];
		if (isLanguage(base)) return base;
	}
	return DEFAULT_LANGUAGE;
}
