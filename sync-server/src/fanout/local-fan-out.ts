/**
 * The fan-out of a relay that runs alone (no REDIS_URL): there is no other process to tell, so
 * every call does nothing. The relay calls the same FanOut either way; only server.ts chooses.
 */
import { randomUUID } from 'node:crypto';
import type { FanOut, FanOutReceiver, Revocation } from '../contracts';

export class LocalFanOut implements FanOut {
	readonly processId = randomUUID();
	async hold(_docName: string): Promise<void> {}
	async release(_docName: string): Promise<void> {}
	async publishUpdate(_docName: string, _update: Uint8Array): Promise<void> {}
	async publishPresence(_docName: string, _presence: Uint8Array): Promise<void> {}
	async publishRevocation(_revocation: Revocation): Promise<void> {}
	async close(): Promise<void> {}
}

/**
 * A receiver to hand the fan-out before the relay exists (the fan-out connects first, the relay
 * is registered next and takes its place). Until then messages are dropped: no connection is open
 * yet, so there is nobody they could concern.
 */
export class ReceiverSlot implements FanOutReceiver {
	target: FanOutReceiver | null = null;
	update(docName: string, update: Uint8Array): void {
		this.target?.update(docName, update);
	}
	presence(docName: string, presence: Uint8Array): void {
		this.target?.presence(docName, presence);
	}
	revocation(revocation: Revocation): void {
		this.target?.revocation(revocation);
	}
	resumed(): void {
		this.target?.resumed();
	}
}
