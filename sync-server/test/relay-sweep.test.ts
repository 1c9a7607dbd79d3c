/**
 * The relay's caches (token and rights answers, audit throttle) sweep stale entries once they pass
 * a bar, and the bar then follows what is still live, so a burst of opens never sweeps on every
 * insert, and entries still in their time window survive a sweep.
 */
import { describe, expect, it } from 'vitest';
import { AuditThrottle } from '../src/relay/audit-throttle';
import { CachedAccess } from '../src/relay/cached-access';
import { sweepStale } from '../src/relay/sweep';
import type { AccessResolver, AuditLog, Principal } from '../src/contracts';

const principal = (n: number): Principal => ({
	userId: `user-${n}`,
	displayName: `Person ${n}`,
	role: 'staff',
	schoolId: 'school',
	sessionId: `session-${n}`,
	expiresAt: Number.POSITIVE_INFINITY,
	staffTitle: 'advisor'
});

describe('relay caches: sweeping stale entries', () => {
	it('removes only stale entries and sets the next bar at twice what is live, never under the floor', () => {
		const map = new Map<string, number>([
			['old-1', 1],
			['old-2', 2],
			['new-1', 10],
			['new-2', 11],
			['new-3', 12]
		]);
		expect(sweepStale(map, 4, (at) => at < 10)).toBe(6);
		expect([...map.keys()]).toEqual(['new-1', 'new-2', 'new-3']);
		expect(sweepStale(map, 100, () => true)).toBe(100);
		expect(map.size).toBe(0);
	});

	it('audit: 25,000 people opening within a minute are each recorded once, and again after the minute', () => {
		let now = 0;
		const written: Parameters<AuditLog['record']>[0][] = [];
		const audit = new AuditThrottle(
			{ record: (record) => written.push(record) },
			undefined,
			60_000,
			() => now
		);
		for (let n = 0; n < 25_000; n++) audit.record(`user-${n}`, 'plan', `p${n}`, 'open');
		// Past the sweep bar while all are fresh: the sweep must keep them, so repeats stay throttled.
		for (let n = 0; n < 25_000; n++) audit.record(`user-${n}`, 'plan', `p${n}`, 'open');
		expect(written).toHaveLength(25_000);
		now = 61_000;
		audit.record('user-0', 'plan', 'p0', 'open');
		expect(written).toHaveLength(25_001);
	});

	it('rights cache: fresh answers survive a sweep past the bar, stale ones are asked again', () => {
		let now = 0;
		let asked = 0;
		const fresh: AccessResolver = {
			authenticate: (token) => principal(Number(token.slice(4))),
			accessTo: () => {
				asked += 1;
				return 'read';
			}
		};
		const cache = new CachedAccess(fresh, 10_000, () => now);
		for (let n = 0; n < 25_000; n++) cache.accessTo(principal(n), 'plan', `p${n}`);
		for (let n = 0; n < 25_000; n++) cache.accessTo(principal(n), 'plan', `p${n}`);
		expect(asked).toBe(25_000);
		now = 10_001;
		cache.accessTo(principal(0), 'plan', 'p0');
		expect(asked).toBe(25_001);
	});
});
