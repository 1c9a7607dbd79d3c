/**
 * Rights over an education record pass from the parents to the student at 18 (FERPA's "eligible
 * student"). From then on the student decides whether each guardian keeps reading their plan.
 */
export const AGE_OF_OWN_RIGHTS = 18;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years from a birth date to a day, both `YYYY-MM-DD`; null when either is not a date. */
export function ageOn(birthDate: string, day: string): number | null {
	const born = ISO_DATE.exec(birthDate);
	const on = ISO_DATE.exec(day);
	if (!born || !on) return null;
	const [, by, bm, bd] = born.map(Number) as [number, number, number, number];
	const [, y, m, d] = on.map(Number) as [number, number, number, number];
	const hadBirthday = m > bm || (m === bm && d >= bd);
	return y - by - (hadBirthday ? 0 : 1);
}

/** Whether a student with this birth date holds the rights to their own record on this day. */
export function hasOwnRights(birthDate: string | null | undefined, day: string): boolean {
	if (!birthDate) return false;
	const age = ageOn(birthDate, day);
	return age !== null && age >= AGE_OF_OWN_RIGHTS;
}
