import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from './languages';

/**
 * Message formatting with ICU MessageFormat (FormatJS `intl-messageformat`): `{name}` placeholders,
 * and plurals with each language's own rules (`{count, plural, one {# change} other {# changes}}`
 * — Arabic has six forms, Nepali two). Pure functions of a language, so the server's exports
 * use them too.
 */
type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

export function formatMessage(language: Language, template: string, values: Values): string {
	// A plain `{count}` given a number is written with the language's digits, like `#` in plurals
	// (no grouping: a year or a version number must read 2027, not 2,027).
	const source = template.replace(/\{(\w+)\}/g, (match, name: string) =>
		typeof values[name] === 'number' ? `{${name}, number, ::group-off}` : match
	);
	const key = language + '\u0000' + source;
	try {
		let message = compiled.get(key);
		if (!message) {
			message = new IntlMessageFormat(source, language);
			compiled.set(key, message);
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

/** A calendar date (YYYY-MM-DD) as people read it, e.g. "September 2, 2027" or "2 de septiembre de 2027". */
export function formatIsoDate(
	language: Language,
	isoDate: string,
	style: 'long' | 'medium' = 'long'
): string {
	if (/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
		const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
		return new Date(y, m - 1, d).toLocaleDateString(language, { dateStyle: style });
	}
	const moment = new Date(isoDate);
	return Number.isNaN(moment.getTime()) ? isoDate : moment.toLocaleDateString(language, { dateStyle: style });
}

/** A moment (epoch ms or an ISO timestamp) with date and time. */
export function formatMoment(language: Language, when: number | string): string {
	return new Date(when).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A time of day, e.g. "10:42 AM" / "10:42". */
export function formatClock(language: Language, when: number | string): string {
	return new Date(when).toLocaleTimeString(language, { hour: 'numeric', minute: '2-digit' });
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

export function formatCount(language: Language, value: number, digits = 0): string {
	return value.toLocaleString(language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
