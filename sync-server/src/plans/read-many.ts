/**
 * Reads many plans' documents a few at a time. One at a time would pay PostgreSQL's round trip per
 * plan; all at once would hold every plan's updates in memory together (a school has thousands).
 */
const AT_ONCE = 8;

/** `read` of each item, in the items' order, with at most `AT_ONCE` reads running. */
export async function readMany<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await read(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
	return results;
}
