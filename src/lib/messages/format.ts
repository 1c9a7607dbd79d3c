import { parse, SKELETON_TYPE, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from './languages';
import { PRECOMPILED } from './precompile';

/**
 * Message formatting with ICU MessageFormat (FormatJS `intl-messageformat`): `{name}` placeholders,
 * and plurals with each language's own rules (`{count, plural, one {# change} other {# changes}}`
 * — Arabic has six forms, Nepali two). Pure functions of a language, so the server's exports
 * use them too.
 */
type Values = Record<string, string | number>;

const PLAIN = /^[^{}']*(?:\{\w+\}[^{}']*)*$/;

/**
 * A message's elements: from the build, built here for plain `{name}` text, or parsed (tests and
 * `vite dev`; the app's build has no parser, so an unexpected message there falls back below).
 */
function elementsOf(template: string): MessageFormatElement[] {
	if (template.startsWith(PRECOMPILED)) return JSON.parse(template.slice(PRECOMPILED.length));
	if (!PLAIN.test(template)) return parse(template);
	const elements: MessageFormatElement[] = [];
	for (const part of template.split(/(\{\w+\})/)) {
		if (part.startsWith('{')) elements.push({ type: TYPE.argument, value: part.slice(1, -1) });
		else if (part) elements.push({ type: TYPE.literal, value: part });
	}
	return elements;
}

/**
 * A plain `{count}` given a number is written with the language's digits, like `#` in plurals
 * (no grouping: a year or a version must read 2027, not 2,027).
 */
function withNumbers(elements: MessageFormatElement[], numeric: Set<string>): MessageFormatElement[] {
	return elements.map((element) => {
		if (element.type === TYPE.argument && numeric.has(element.value))
			return {
				type: TYPE.number,
				value: element.value,
				style: { type: SKELETON_TYPE.number, tokens: [], parsedOptions: { useGrouping: false } }
			};
		if (element.type === TYPE.plural || element.type === TYPE.select) {
			const options = Object.fromEntries(
				Object.entries(element.options).map(([key, option]) => [
					key,
					{ ...option, value: withNumbers(option.value, numeric) }
				])
			);
			return { ...element, options };
		}
		return element;
	});
}

/**
 * A compiled message: its literal and `{name}` parts when that is all it has (joined here, several
 * times faster than IntlMessageFormat's `format`, which matters for the hundreds of record
 * headings of a big plan), or the FormatJS message.
 */
type Part = { literal: string } | { name: string } | { number: string };
type Compiled = { parts: readonly Part[] } | IntlMessageFormat;
const compiled = new Map<string, Compiled>();

function compile(language: Language, template: string, numeric: Set<string>): Compiled {
	const elements = elementsOf(template);
	if (elements.every((element) => element.type === TYPE.literal || element.type === TYPE.argument))
		return {
			parts: elements.map((element) =>
				element.type === TYPE.literal
					? { literal: element.value }
					: numeric.has(element.value)
						? { number: element.value }
						: { name: element.value }
			)
		};
	return new IntlMessageFormat(withNumbers(elements, numeric), language);
}

/** A number in the language's digits, without grouping (as `withNumbers` asks FormatJS for). */
const numberFormats = new Map<Language, Intl.NumberFormat>();
function numberWords(language: Language, value: number): string {
	let formatter = numberFormats.get(language);
	if (!formatter) {
		formatter = new Intl.NumberFormat(language, { useGrouping: false });
		numberFormats.set(language, formatter);
	}
	return formatter.format(value);
}

export function formatMessage(language: Language, template: string, values: Values): string {
	let key = `${language}\u0000${template}`;
	for (const name in values) if (typeof values[name] === 'number') key += `\u0000${name}`;
	try {
		let message = compiled.get(key);
		if (!message) {
			const numeric = new Set(Object.keys(values).filter((name) => typeof values[name] === 'number'));
			message = compile(language, template, numeric);
			compiled.set(key, message);
		}
		if (!(message instanceof IntlMessageFormat)) {
			let text = '';
			for (const part of message.parts) {
				if ('literal' in part) text += part.literal;
				else if ('number' in part) text += numberWords(language, values[part.number] as number);
				else if (part.name in values) text += String(values[part.name]);
				else throw new Error(`no value for {${part.name}}`);
			}
			return text;
		}
		const result = message.format(values);
		return Array.isArray(result) ? result.join('') : String(result);
	} catch {
		// A broken translation or a missing value must never blank a screen: fill what we can.
		return template.replace(/\{(\w+)\}/g, (match, name: string) =>
			name in values ? String(values[name]) : match
		);
	}
}

/**
 * One `Intl.DateTimeFormat` per language and style: `toLocaleDateString` makes a new one on every
 * call, which cost ~0.4 s of opening a five-year plan (every record's heading shows a date).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${language} ${JSON.stringify(options)}`;
	let formatter = dateFormats.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(language, options);
		dateFormats.set(key, formatter);
	}
	return formatter;
}

/** A calendar date (YYYY-MM-DD) as people read it, e.g. "September 2, 2027" or "2 de septiembre de 2027". */
export function formatIsoDate(
	language: Language,
	isoDate: string,
	style: 'long' | 'medium' = 'long'
): string {
	const key = `${language} ${style} ${isoDate}`;
	let words = dateWordsCache.get(key);
	if (words === undefined) {
		// A plan's records share few dates, and a big plan's headings show them hundreds of times.
		if (dateWordsCache.size >= DATE_WORDS_KEPT) dateWordsCache.clear();
		words = formatIsoDateNow(language, isoDate, style);
		dateWordsCache.set(key, words);
	}
	return words;
}

const DATE_WORDS_KEPT = 5000;
const dateWordsCache = new Map<string, string>();

function formatIsoDateNow(language: Language, isoDate: string, style: 'long' | 'medium'): string {
	const formatter = dateFormat(language, { dateStyle: style });
	if (/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
		const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
		return formatter.format(new Date(y, m - 1, d));
	}
	const moment = new Date(isoDate);
	return Number.isNaN(moment.getTime()) ? isoDate : formatter.format(moment);
}

/** A moment (epoch ms or an ISO timestamp) with date and time. */
export function formatMoment(language: Language, when: number | string): string {
	const moment = new Date(when);
	if (Number.isNaN(moment.getTime())) return String(when); // format() would throw
	return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
}

/** A time of day, e.g. "10:42 AM" / "10:42". */
export function formatClock(language: Language, when: number | string): string {
	const moment = new Date(when);
	if (Number.isNaN(moment.getTime())) return String(when);
	return dateFormat(language, { hour: 'numeric', minute: '2-digit' }).format(moment);
}

/** A file size a person reads: "850 KB", "12.4 MB", "١٢٫٤ ميغابايت". */
export function formatSize(language: Language, bytes: number): string {
	const [value, unit, digits] =
		bytes < 1024 * 1024
			? [Math.max(1, Math.round(bytes / 1024)), 'kilobyte', 0]
			: bytes < 1024 ** 3
				? [bytes / 1024 ** 2, 'megabyte', 1]
				: [bytes / 1024 ** 3, 'gigabyte', 2];
	return value.toLocaleString(language, {
		style: 'unit',
		unit,
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	});
}
