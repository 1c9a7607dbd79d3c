import type * as Y from 'yjs';

/** The smallest single splice that turns `before` into `after`: common prefix and suffix kept. */
export function diffText(before: string, after: string): { index: number; remove: number; insert: string } {
	let start = 0;
	const shortest = Math.min(before.length, after.length);
	while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (
		endBefore > start &&
		endAfter > start &&
		before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
	) {
		endBefore--;
		endAfter--;
	}
	// Never split a surrogate pair: an emoji is one character to a person.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/** Applies what a person typed (the field's new value) to a Y.Text as one minimal change. */
export function applyTyping(ytext: Y.Text, newValue: string, origin?: unknown): void {
	const { index, remove, insert } = diffText(ytext.toString(), newValue);
	if (remove === 0 && insert === '') return;
	const apply = () => {
		if (remove > 0) ytext.delete(index, remove);
		if (insert) ytext.insert(index, insert);
	};
	if (ytext.doc) ytext.doc.transact(apply, origin);
	else apply();
}

/** One change to a text as Yjs reports it (Y.YTextEvent.delta). */
export type TextDelta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where a caret at `position` belongs after a change made by someone else, so remote typing
 * never moves a person's cursor: text inserted before it pushes it right, deletions before it
 * pull it left, and text inserted exactly at the caret lands after it.
 */
export function transformPosition(position: number, delta: TextDelta): number {
	let index = 0; // where the walk stands in the text as it was before the change
	let shift = 0;
	for (const op of delta) {
		if (index >= position) break;
		if (op.retain !== undefined) {
			index += op.retain;
		} else if (op.insert !== undefined) {
			shift += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete !== undefined) {
			shift -= Math.min(index + op.delete, position) - index;
			index += op.delete;
		}
	}
	return Math.max(0, position + shift);
}
