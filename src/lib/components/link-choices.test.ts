import { describe, expect, it } from 'vitest';
import { DRAWN_AT_ONCE, drawnChoices, isShortList } from './link-choices';

const ids = (count: number) => Array.from({ length: count }, (_, n) => `p${n + 1}`);

describe('drawnChoices', () => {
	it('draws a short list whole', () => {
		const all = ids(DRAWN_AT_ONCE);
		expect(isShortList(all)).toBe(true);
		expect(drawnChoices(all, [], [], false)).toEqual(all);
	});

	it('draws only the linked choices of a long closed list, in the list order', () => {
		const all = ids(40);
		expect(isShortList(all)).toBe(false);
		expect(drawnChoices(all, ['p30', 'p2'], [], false)).toEqual(['p2', 'p30']);
		expect(drawnChoices(all, [], [], false)).toEqual([]);
	});

	it('keeps a choice unlinked while the list is closed', () => {
		const all = ids(40);
		expect(drawnChoices(all, ['p2'], ['p7'], false)).toEqual(['p2', 'p7']);
	});

	it('draws everything once opened', () => {
		const all = ids(40);
		expect(drawnChoices(all, ['p2'], [], true)).toEqual(all);
	});
});
