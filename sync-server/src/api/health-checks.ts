/**
 * What `/api/health` checks: the SQLite file always, PostgreSQL with DATABASE_URL, Redis with
 * REDIS_URL. Each part answers within a short time or counts as down, so a hung database never
 * hangs the check (a load balancer's check must answer quickly either way). While a part's check
 * is still waiting, the next request waits for that one instead of sending another query, so a
 * hung database does not collect one query per health request.
 */

/** A part's name as the answer gives it. */
export type HealthPart = 'file' | 'postgresql' | 'redis';

export interface HealthProbe {
	part: HealthPart;
	/** Resolves when the part answered, rejects when it did not. */
	check(): Promise<unknown>;
}

/** How long a part may take to answer before it counts as down. */
export const HEALTH_TIMEOUT_MS = 2_000;

const PART_NAMES: Record<HealthPart, string> = {
	file: 'The database file',
	postgresql: 'PostgreSQL',
	redis: 'Redis'
};

export type PartState = 'ok' | 'down';

export interface HealthReport {
	parts: Partial<Record<HealthPart, PartState>>;
	down: HealthPart[];
	/** For a person: which parts are down, in words; empty when none is. */
	message: string;
}

export class HealthChecks {
	readonly #waiting = new Map<HealthPart, Promise<PartState>>();

	constructor(
		private readonly probes: readonly HealthProbe[],
		/** A part is down: its name and why, without addresses or secrets (for the log). */
		private readonly onDown: (part: HealthPart, reason: string) => void,
		private readonly timeoutMs = HEALTH_TIMEOUT_MS
	) {}

	async report(): Promise<HealthReport> {
		const states = await Promise.all(this.probes.map((probe) => this.#stateOf(probe)));
		const parts: HealthReport['parts'] = {};
		this.probes.forEach((probe, i) => (parts[probe.part] = states[i]));
		const down = this.probes.filter((_, i) => states[i] === 'down').map((probe) => probe.part);
		const message =
			down.length === 0
				? ''
				: `${down.map((part) => PART_NAMES[part]).join(' and ')} did not answer within ${this.timeoutMs / 1000} seconds.`;
		return { parts, down, message };
	}

	#stateOf(probe: HealthProbe): Promise<PartState> {
		const waiting = this.#waiting.get(probe.part);
		if (waiting) return waiting;
		const state = this.#check(probe).finally(() => this.#waiting.delete(probe.part));
		this.#waiting.set(probe.part, state);
		return state;
	}

	async #check(probe: HealthProbe): Promise<PartState> {
		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
		});
		try {
			// A synchronous throw (the SQLite file) becomes a rejection here.
			const answered = Promise.resolve().then(() => probe.check());
			const outcome = await Promise.race([answered.then(() => 'ok' as const), timedOut]);
			if (outcome === 'ok') return 'ok';
			this.onDown(probe.part, `no answer within ${this.timeoutMs} ms`);
			// The late answer (or failure) of a hung check is not reported a second time.
			answered.catch(() => {});
			return 'down';
		} catch (error) {
			this.onDown(probe.part, reasonOf(error));
			return 'down';
		} finally {
			clearTimeout(timer);
		}
	}
}

/** An error's code or class, never its message: a driver's message can name the host and port. */
function reasonOf(error: unknown): string {
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string') return code;
	return error instanceof Error ? error.name : 'failed';
}
