/**
 * Every open connection, with a count per user kept alongside, so the connection limits cost a
 * map lookup instead of a scan of thousands of sockets on every open.
 */
import type { Connection } from './connection';

export class LiveConnections extends Set<Connection> {
	readonly #perUser = new Map<string, number>();

	override add(conn: Connection): this {
		if (!this.has(conn)) this.#adjust(conn.principal.userId, 1);
		return super.add(conn);
	}

	override delete(conn: Connection): boolean {
		if (this.has(conn)) this.#adjust(conn.principal.userId, -1);
		return super.delete(conn);
	}

	countFor(userId: string): number {
		return this.#perUser.get(userId) ?? 0;
	}

	#adjust(userId: string, by: number): void {
		const count = (this.#perUser.get(userId) ?? 0) + by;
		if (count > 0) this.#perUser.set(userId, count);
		else this.#perUser.delete(userId);
	}
}
