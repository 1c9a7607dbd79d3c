/**
 * Which local changes the school's server has confirmed. The relay stores every update before it
 * applies it, and answers each sync request with its state vector, so a change is confirmed once
 * the server's state vector covers it. No Svelte, no sockets: plain bookkeeping, unit tested.
 */
export type StateVector = Map<number, number>;

export class Confirmations {
	/** Local changes not yet confirmed: [client id, clock after the change]. */
	#pending: Array<[number, number]>;

	/**
	 * `pending`: what an earlier page on this device still waited for (kept across reloads);
	 * `onChange` is told every new list, to keep it.
	 */
	constructor(
		pending: Array<[number, number]> = [],
		private readonly onChange?: (pending: Array<[number, number]>) => void
	) {
		this.#pending = [...pending];
	}

	get count(): number {
		return this.#pending.length;
	}

	/** A change made on this device moved `client` to `clock`. */
	recordLocal(client: number, clock: number): void {
		this.#pending.push([client, clock]);
		this.onChange?.(this.#pending);
	}

	/**
	 * The server's state vector arrived. Drops what it covers, and adds one entry per client whose
	 * local changes (from earlier sessions on this device) the server still lacks.
	 */
	serverHas(server: StateVector, local: StateVector): void {
		this.#pending = this.#pending.filter(([client, clock]) => (server.get(client) ?? 0) < clock);
		for (const [client, clock] of local) {
			const isKnown = this.#pending.some(([c]) => c === client);
			if (!isKnown && (server.get(client) ?? 0) < clock) this.#pending.push([client, clock]);
		}
		this.onChange?.(this.#pending);
	}
}
