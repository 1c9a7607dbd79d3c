/**
 * Which documents are in memory. A document is loaded once, however many clients open it at the
 * same moment (they share one promise), and unloaded after it has had no connection for a while.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AsyncDocStore, FanOut } from '../contracts';
import type { AuditThrottle } from './audit-throttle';
import { DocRoom } from './doc-room';
import type { GroupCommit } from './group-commit';

export class RoomRegistry {
	readonly #rooms = new Map<string, Promise<DocRoom>>();
	/** The room each name resolved to, so a late call about an unloaded room never touches its successor. */
	readonly #loaded = new Map<string, DocRoom>();
	readonly #idleTimers = new Map<string, NodeJS.Timeout>();
	/** What other processes sent about a document while it was loading: applied once it is loaded. */
	readonly #loading = new Map<string, { updates: Uint8Array[]; presence: Uint8Array[] }>();

	constructor(
		private readonly store: AsyncDocStore,
		private readonly commits: GroupCommit,
		private readonly audit: AuditThrottle,
		private readonly options: { idleUnloadMs: number; compactAfterUpdates: number },
		private readonly log: FastifyBaseLogger,
		private readonly fanOut: FanOut
	) {}

	/** The loaded room; callers must not answer a client before this resolves. */
	open(name: string): Promise<DocRoom> {
		this.#cancelUnload(name);
		let room = this.#rooms.get(name);
		if (room === undefined) {
			// The promise is what makes concurrent openers share one load.
			// Subscribed before the log is read, and what arrives meanwhile is kept, so an update
			// committed by another process during the load is never missed.
			const early = { updates: [] as Uint8Array[], presence: [] as Uint8Array[] };
			this.#loading.set(name, early);
			room = this.fanOut
				.hold(name)
				.then(() =>
					DocRoom.load(
						name,
						this.store,
						this.commits,
						this.audit,
						this.options.compactAfterUpdates,
						this.log,
						this.fanOut
					)
				)
				.then(
					(loaded) => {
						this.#loading.delete(name);
						this.#loaded.set(name, loaded);
						for (const update of early.updates) loaded.applyRemote(update);
						for (const presence of early.presence) loaded.applyRemotePresence(presence);
						return loaded;
					},
					(error: unknown) => {
						this.#loading.delete(name);
						throw error;
					}
				);
			this.#rooms.set(name, room);
			// A failed load must not stick: the next opener tries again.
			room.catch(() => this.#rooms.delete(name));
		}
		return room;
	}

	/**
	 * An update committed outside this process's rooms (by another process, or by the server itself:
	 * relay.ts writeServerUpdates): sent to the room's connections if the document is loaded here,
	 * kept for the room if it is loading, and nothing otherwise (the next load reads it).
	 */
	committedUpdate(name: string, update: Uint8Array): void {
		const room = this.#loaded.get(name);
		if (room !== undefined) room.applyRemote(update);
		else this.#loading.get(name)?.updates.push(update);
	}

	remotePresence(name: string, presence: Uint8Array): void {
		const room = this.#loaded.get(name);
		if (room !== undefined) room.applyRemotePresence(presence);
		else this.#loading.get(name)?.presence.push(presence);
	}

	/** The link to the other processes was down: what they published meanwhile is read from storage. */
	reloadAll(): void {
		for (const room of this.#loaded.values()) {
			this.store.loadUpdates(room.name).then(
				(updates) => room.applyStored(updates),
				(error: unknown) => this.log.error({ err: error, doc: room.name }, 'could not reload a document')
			);
		}
	}

	/** Called when a room lost a connection: with none left, it is unloaded after the idle time. */
	releaseIfIdle(room: DocRoom): void {
		if (this.#loaded.get(room.name) !== room) return;
		if (room.connections.size > 0 || this.#idleTimers.has(room.name)) return;
		const timer = setTimeout(() => {
			this.#idleTimers.delete(room.name);
			if (room.connections.size === 0) void this.#unload(room);
		}, this.options.idleUnloadMs);
		timer.unref();
		this.#idleTimers.set(room.name, timer);
	}

	/** Compacts and unloads every room (clean shutdown). */
	async unloadAll(): Promise<void> {
		for (const timer of this.#idleTimers.values()) clearTimeout(timer);
		this.#idleTimers.clear();
		const rooms = await Promise.allSettled(this.#rooms.values());
		for (const result of rooms) {
			if (result.status === 'fulfilled') await this.#unload(result.value, true);
		}
	}

	async #unload(room: DocRoom, isShutdown = false): Promise<void> {
		if (this.#loaded.get(room.name) !== room) return;
		// Whatever is still waiting is committed and sent before the room goes; a new room loaded
		// meanwhile would miss a commit still in flight.
		await this.commits.drain();
		if (this.#loaded.get(room.name) !== room || (!isShutdown && room.connections.size > 0)) return;
		this.#rooms.delete(room.name);
		this.#loaded.delete(room.name);
		this.fanOut.release(room.name).catch((error: unknown) => {
			this.log.warn({ err: error, doc: room.name }, 'could not stop hearing a document');
		});
		try {
			await room.compact();
		} catch (error) {
			this.log.warn({ err: error, doc: room.name }, 'compaction on unload failed; the update log is kept');
		}
		room.destroy();
	}

	#cancelUnload(name: string): void {
		const timer = this.#idleTimers.get(name);
		if (timer === undefined) return;
		clearTimeout(timer);
		this.#idleTimers.delete(name);
	}
}
