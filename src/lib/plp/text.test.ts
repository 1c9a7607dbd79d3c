import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTyping, diffText, transformPosition, type TextDelta } from './text';

describe('diffText', () => {
	it('finds the one splice between two values', () => {
		expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
		expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' });
		expect(diffText('abc', 'abc')).toEqual({ index: 3, remove: 0, insert: '' });
		expect(diffText('', 'new')).toEqual({ index: 0, remove: 0, insert: 'new' });
	});

	it('never splits an emoji', () => {
		const { index } = diffText('a😀', 'a😃');
		expect(index).toBe(1);
	});
});

describe('applyTyping', () => {
	it('turns two people typing in one field into a merge by character', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		applyTyping(a.getText('t'), 'I like science');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		applyTyping(a.getText('t'), 'I really like science');
		applyTyping(b.getText('t'), 'I like science and art');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(a.getText('t').toString()).toBe('I really like science and art');
		expect(b.getText('t').toString()).toBe('I really like science and art');
	});
});

describe('transformPosition', () => {
	const cases: Array<[string, number, TextDelta, number]> = [
		['insert before the caret pushes it right', 5, [{ retain: 2 }, { insert: 'abc' }], 8],
		['insert after the caret leaves it', 5, [{ retain: 7 }, { insert: 'abc' }], 5],
		['insert at the caret leaves it', 5, [{ retain: 5 }, { insert: 'abc' }], 5],
		['delete before the caret pulls it left', 5, [{ retain: 1 }, { delete: 2 }], 3],
		['delete across the caret puts it at the cut', 5, [{ retain: 3 }, { delete: 4 }], 3],
		['delete after the caret leaves it', 5, [{ retain: 6 }, { delete: 4 }], 5],
		['insert at the start pushes it right', 0, [{ insert: 'x' }], 0],
		[
			'several changes add up',
			10,
			[{ insert: 'ab' }, { retain: 3 }, { delete: 4 }, { insert: 'z' }],
			10 + 2 - 4 + 1
		]
	];
	for (const [name, position, delta, expected] of cases) {
		it(name, () => expect(transformPosition(position, delta)).toBe(expected));
	}

	it('agrees with Yjs on where a remote change leaves the caret', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'The quick fox');
		let delta: TextDelta = [];
		text.observe((event) => (delta = event.delta as TextDelta));
		const caret = 10; // before "fox"
		text.insert(4, 'very ');
		expect(text.toString().slice(transformPosition(caret, delta))).toBe('fox');
	});
});
