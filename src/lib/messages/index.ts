import { en, format, type OptionKey } from './en';

/** The active catalogue. One language for now; the languages issue adds the others and a switch. */
export const t = en;
export { format };

/** The label of a choice value; an unknown value (from a newer version) shows as it is. */
export function optionLabel(value: string): string {
	return value in en.options ? en.options[value as OptionKey] : value;
}
