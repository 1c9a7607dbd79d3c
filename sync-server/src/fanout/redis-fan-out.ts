/**
 * Fan-out between relay processes over Redis pub/sub (`ioredis`): one connection publishes, one
 * listens (a listening Redis connection can do nothing else).
 *
 * Channels: `${prefix}doc:${docName}` carries one document's updates and presence, heard only by
 * the processes holding it; `${prefix}revoke` carries revocations, heard by every process. Frames
 * are binary (frames.ts) and name the sending process, so its own messages, which Redis delivers
 * to it too, are skipped.
 *
 * Pub/sub delivers at most once: what is published while a process's link to Redis is down never
 * reaches it. That is why updates are stored before they are published, and why, once the link is
 * back and every channel is subscribed again, the receiver's `resumed()` is called: the process
 * reloads what it holds from storage.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FanOut, FanOutReceiver, Revocation } from '../contracts';
import { decodeFrame, encodeFrame, type FanOutMessage } from './frames';

export interface RedisFanOutOptions {
	/** Start of every channel name, so several deployments (or tests) can share one Redis. Default `pathways:`. */
	channelPrefix?: string;
	/** A connection error (Redis restarting, the network), or a frame that could not be read. Default: stderr. */
	onError?: (error: Error) => void;
}

export class RedisFanOut implements FanOut {
	readonly processId = randomUUID();
	readonly #held = new Set<string>();
	readonly #docPrefix: string;
	readonly #revokeChannel: string;
	#isClosed = false;

	private constructor(
		private readonly publisher: Redis,
		private readonly subscriber: Redis,
		private readonly receiver: FanOutReceiver,
		private readonly onError: (error: Error) => void,
		prefix: string
	) {
		this.#docPrefix = `${prefix}doc:`;
		this.#revokeChannel = `${prefix}revoke`;
	}

	/** Connects both links and starts hearing revocations; rejects if Redis cannot be reached. */
	static async connect(
		url: string,
		receiver: FanOutReceiver,
		options: RedisFanOutOptions = {}
	): Promise<RedisFanOut> {
		const onError = options.onError ?? ((error) => console.error(`Redis fan-out: ${error.message}`));
		// We subscribe again ourselves after a reconnect, to know when it is done (see resumed()).
		const publisher = new Redis(url, { lazyConnect: true, autoResubscribe: false });
		const subscriber = new Redis(url, { lazyConnect: true, autoResubscribe: false });
		for (const link of [publisher, subscriber]) link.on('error', onError);
		const fanOut = new RedisFanOut(
			publisher,
			subscriber,
			receiver,
			onError,
			options.channelPrefix ?? 'pathways:'
		);
		try {
			await Promise.all([publisher.connect(), subscriber.connect()]);
			await subscriber.subscribe(fanOut.#revokeChannel);
		} catch (cause) {
			publisher.disconnect();
			subscriber.disconnect();
			throw new Error(`Cannot connect to Redis at ${describe(url)}: ${(cause as Error).message}`, { cause });
		}
		subscriber.on('messageBuffer', (channel: Buffer, frame: Buffer) =>
			fanOut.#deliver(channel.toString(), frame)
		);
		// 'ready' again means the link came back, on a connection that subscribes to nothing.
		subscriber.on('ready', () => void fanOut.#resubscribe());
		return fanOut;
	}

	async hold(docName: string): Promise<void> {
		if (this.#held.has(docName)) return;
		this.#held.add(docName);
		await this.subscriber.subscribe(this.#docPrefix + docName);
	}

	async release(docName: string): Promise<void> {
		if (!this.#held.delete(docName)) return;
		await this.subscriber.unsubscribe(this.#docPrefix + docName);
	}

	publishUpdate(docName: string, update: Uint8Array): Promise<void> {
		return this.#publish(this.#docPrefix + docName, { kind: 'update', update });
	}

	publishPresence(docName: string, presence: Uint8Array): Promise<void> {
		return this.#publish(this.#docPrefix + docName, { kind: 'presence', presence });
	}

	publishRevocation(revocation: Revocation): Promise<void> {
		return this.#publish(this.#revokeChannel, { kind: 'revocation', revocation });
	}

	async close(): Promise<void> {
		if (this.#isClosed) return;
		this.#isClosed = true;
		this.#held.clear();
		await Promise.all([quit(this.publisher), quit(this.subscriber)]);
	}

	async #publish(channel: string, message: FanOutMessage): Promise<void> {
		if (this.#isClosed) throw new Error('the fan-out is closed');
		const frame = encodeFrame(this.processId, message);
		await this.publisher.publish(channel, Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
	}

	#deliver(channel: string, frame: Buffer): void {
		let decoded: ReturnType<typeof decodeFrame>;
		try {
			decoded = decodeFrame(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
		} catch (error) {
			this.onError(new Error(`dropped an unreadable frame on ${channel}: ${(error as Error).message}`));
			return;
		}
		const { origin, message } = decoded;
		if (origin === this.processId) return;
		try {
			if (channel === this.#revokeChannel) {
				if (message.kind === 'revocation') this.receiver.revocation(message.revocation);
				return;
			}
			if (!channel.startsWith(this.#docPrefix)) return;
			const docName = channel.slice(this.#docPrefix.length);
			// A message can still arrive for a document released a moment ago.
			if (!this.#held.has(docName)) return;
			if (message.kind === 'update') this.receiver.update(docName, message.update);
			else if (message.kind === 'presence') this.receiver.presence(docName, message.presence);
		} catch (error) {
			this.onError(new Error(`the receiver failed on a message of ${channel}: ${(error as Error).message}`));
		}
	}

	async #resubscribe(): Promise<void> {
		if (this.#isClosed) return;
		const channels = [this.#revokeChannel, ...[...this.#held].map((doc) => this.#docPrefix + doc)];
		try {
			await this.subscriber.subscribe(...channels);
		} catch (error) {
			// The link dropped again; its next 'ready' tries again.
			this.onError(new Error(`could not subscribe again: ${(error as Error).message}`));
			return;
		}
		try {
			this.receiver.resumed();
		} catch (error) {
			this.onError(new Error(`the receiver failed to resume: ${(error as Error).message}`));
		}
	}
}

async function quit(link: Redis): Promise<void> {
	try {
		await link.quit();
	} catch {
		link.disconnect();
	}
}

/** Host and port of a Redis URL, never its password. */
function describe(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}:${parsed.port || 6379}`;
	} catch {
		return '(unreadable URL)';
	}
}
