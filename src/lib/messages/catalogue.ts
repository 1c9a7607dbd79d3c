import type { en } from './en';

/** The shape every catalogue has: English's keys, any words. Arrays of questions may differ in length. */
type Widen<T> = T extends string
	? string
	: T extends readonly string[]
		? readonly string[]
		: { readonly [K in keyof T]: Widen<T[K]> };

export type Catalogue = Widen<typeof en>;

type Leaf = string | readonly string[];
type Tree = { readonly [key: string]: Leaf | Tree };

/**
 * Every key English has that `other` lacks, as dotted paths ("sync.waiting"), including keys whose
 * value is empty or of the wrong kind. The type checker catches this at build time; this runs on the
 * catalogues as loaded, so a hand-edited or generated catalogue cannot slip through either.
 */
export function missingKeys(english: Tree, other: unknown, prefix = ''): string[] {
	const missing: string[] = [];
	for (const [key, value] of Object.entries(english)) {
		const path = prefix + key;
		const theirs = isRecord(other) ? other[key] : undefined;
		if (typeof value === 'string') {
			if (typeof theirs !== 'string' || theirs.trim() === '') missing.push(path);
		} else if (Array.isArray(value)) {
			const list: unknown = theirs;
			if (
				!Array.isArray(list) ||
				list.length === 0 ||
				list.some((item) => typeof item !== 'string' || !item.trim())
			)
				missing.push(path);
		} else {
			missing.push(...missingKeys(value as Tree, theirs, path + '.'));
		}
	}
	return missing;
}

/** Keys a catalogue has that English does not: left over from a rename, never shown. */
export function extraKeys(english: Tree, other: unknown, prefix = ''): string[] {
	if (!isRecord(other)) return [];
	const extra: string[] = [];
	for (const [key, value] of Object.entries(other)) {
		const path = prefix + key;
		if (!(key in english)) extra.push(path);
		else {
			const ours = english[key];
			if (ours !== undefined && typeof ours === 'object' && !Array.isArray(ours))
				extra.push(...extraKeys(ours as Tree, value, path + '.'));
		}
	}
	return extra;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
