/**
 * Sweeping a cache map that only ever grows between sweeps. A sweep walks every entry, so it must
 * be rare: after one, the next waits until the map holds twice what was still live. With a fixed
 * bar, a burst of opens above it (18,000 people signing in within a cache's lifetime) swept on
 * every insert and made each open cost a walk over the whole map.
 */
export function sweepStale<K, V>(map: Map<K, V>, floor: number, isStale: (value: V) => boolean): number {
	for (const [key, value] of map) if (isStale(value)) map.delete(key);
	return Math.max(floor, map.size * 2);
}
