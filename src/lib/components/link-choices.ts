/**
 * Which choices a links field draws (LinksField, and ProficiencyLinksField through it). Up to
 * `DRAWN_AT_ONCE` choices, all are drawn at once. A longer list draws the linked ones (and those
 * unlinked while it was closed, so the focus and the pointer stay on them) until it is opened:
 * a five-year plan's evidence would otherwise draw a checkbox for each of 250 steps, and every
 * evidence and goal one for each proficiency of the school's framework.
 */
export const DRAWN_AT_ONCE = 12;

export function isShortList(all: readonly string[]): boolean {
	return all.length <= DRAWN_AT_ONCE;
}

export function drawnChoices(
	all: readonly string[],
	linked: readonly string[],
	unlinkedHere: readonly string[],
	isOpen: boolean
): readonly string[] {
	if (isOpen || isShortList(all)) return all;
	return all.filter((choice) => linked.includes(choice) || unlinkedHere.includes(choice));
}
