import { en, format, type OptionKey } from './en';

/** The active catalogue. One language for now; the languages issue adds the others and a switch. */
export const t = en;
export { format };

/** The label of a choice value; an unknown value (from a newer version) shows as it is. */
export function optionLabel(value: string): string {
	return value in en.options ? en.options[value as OptionKey] : value;
}

/** A date (YYYY-MM-DD) as people read it in their language, e.g. "September 2, 2027". */
export function formatDate(isoDate: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
	const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'long' });
}
