// No Yjs here: the import page compares names before any plan is opened.

/** Whether two spellings name the same person ("Okoye, Amara" and "Amara Okoye", accents aside). */
export function isSameName(a: string, b: string): boolean {
	const words = (name: string) =>
		name
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLocaleLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter(Boolean)
			.sort()
			.join(' ');
	return words(a) === words(b);
}
