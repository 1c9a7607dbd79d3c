import { describe, expect, it } from 'vitest';
import { FailureThrottle } from '../src/auth/throttle';
import { FakeClock } from './helpers';

describe('FailureThrottle', () => {
	it('allows up to the limit in the window, then says how long to wait until the oldest failure leaves it', () => {
		const clock = new FakeClock();
		const throttle = new FailureThrottle(3, 10 * 60_000, clock.now);
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfterSeconds('k')).toBe(0);
			throttle.recordFailure('k');
			clock.advanceMinutes(1);
		}
		// Failures at 0, 1 and 2 minutes; now is 3 minutes: the first leaves the window in 7 minutes.
		expect(throttle.retryAfterSeconds('k')).toBe(7 * 60);
		expect(throttle.retryAfterSeconds('other')).toBe(0);
		clock.advanceMinutes(7);
		expect(throttle.retryAfterSeconds('k')).toBe(0);
		throttle.recordFailure('k');
		expect(throttle.retryAfterSeconds('k')).toBe(60);
		throttle.reset('k');
		expect(throttle.retryAfterSeconds('k')).toBe(0);
	});

	it('keeps memory bounded when many keys fail, forgetting the least recent first', () => {
		const clock = new FakeClock();
		const throttle = new FailureThrottle(1, 60_000, clock.now);
		for (let i = 0; i <= 10_000; i++) throttle.recordFailure(`ip-${i}`);
		expect(throttle.retryAfterSeconds('ip-10000')).toBeGreaterThan(0);
		expect(throttle.retryAfterSeconds('ip-0')).toBe(0);
		const size = (throttle as unknown as { failures: Map<string, number[]> }).failures.size;
		expect(size).toBeLessThanOrEqual(5_000);
	});
});
