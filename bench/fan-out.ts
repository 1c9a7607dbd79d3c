/**
 * The Redis hop between two relay processes (BENCH_ONLY=fanout): how long a ~120-byte update takes
 * from one process's publish to the other's receiver, one at a time (latency) and 2,000 at once
 * (throughput), on a throwaway local Redis. Both "processes" share this Node process, each with its
 * own two connections, so the figure is Redis plus both ends' client work. Nothing here asserts a time.
 */
import type { FanOutReceiver } from '../sync-server/src/contracts';
import { RedisFanOut } from '../sync-server/src/fanout/redis-fan-out';
import { startRedis } from '../sync-server/test/engines/services';
import { median, percentile, printTable } from './report';

export async function runFanOutBench(): Promise<void> {
	const redis = await startRedis();
	let onUpdate = () => {};
	const receiver: FanOutReceiver = {
		update: () => onUpdate(),
		presence: () => {},
		revocation: () => {},
		resumed: () => {}
	};
	const quiet = { onError: () => {} };
	const [a, b] = await Promise.all([
		RedisFanOut.connect(redis.url, receiver, quiet),
		RedisFanOut.connect(redis.url, receiver, quiet)
	]);
	try {
		await b.hold('plan.bench');
		const update = new Uint8Array(120).fill(7);
		const times: number[] = [];
		for (let i = 0; i < 2_000; i++) {
			const heard = new Promise<void>((resolve) => (onUpdate = resolve));
			const start = performance.now();
			await a.publishUpdate('plan.bench', update);
			await heard;
			if (i >= 200) times.push(performance.now() - start); // after warm-up
		}
		let count = 0;
		const burst = 2_000;
		const allHeard = new Promise<void>((resolve) => (onUpdate = () => ++count === burst && resolve()));
		const start = performance.now();
		await Promise.all(Array.from({ length: burst }, () => a.publishUpdate('plan.bench', update)));
		await allHeard;
		const seconds = (performance.now() - start) / 1000;
		printTable('Fan-out through Redis, process A → process B (120-byte updates)', [
			['one at a time', `p50 ${median(times).toFixed(3)} ms · p99 ${percentile(times, 99).toFixed(3)} ms`],
			[`${burst} at once`, `${Math.round(burst / seconds).toLocaleString('en')} updates/s`]
		]);
	} finally {
		await Promise.all([a.close(), b.close()]);
		await redis.stop();
	}
}
