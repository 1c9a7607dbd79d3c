/**
 * Which documents are in memory. A document is loaded once, however many clients open it at the
 * same moment (they share one promise), and unloaded after it has had no connection for a while.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AsyncDocStore } from '../contracts';
import type { AuditThrottle } from './audit-throttle';
import { DocRoom } from './doc-room';
import type { GroupCommit } from './group-commit';

export class RoomRegistry {
	readonly #rooms = new Map<string, Promise<DocRoom>>();
	/** The room each name resolved to, so a late call about an unloaded room never touches its successor. */
	readonly #loaded = new Map<string, DocRoom>();
	readonly #idleTimers = new Map<string, NodeJS.Timeout>();

	constructor(
		private readonly store: AsyncDocStore,
		private readonly commits: GroupCommit,
		private readonly audit: AuditThrottle,
		private readonly options: { idleUnloadMs: number; compactAfterUpdates: number },
		private readonly log: FastifyBaseLogger
	) {}

	/** The loaded room; callers must not answer a client before this resolves. */
	open(name: string): Promise<DocRoom> {
		this.#cancelUnload(name);
		let room = this.#rooms.get(name);
		if (room === undefined) {
			// The promise is what makes concurrent openers share one load.
			room = DocRoom.load(
				name,
				this.store,
				this.commits,
				this.audit,
				this.options.compactAfterUpdates,
				this.log
			).then((loaded) => {
				this.#loaded.set(name, loaded);
				return loaded;
			});
			this.#rooms.set(name, room);
			// A failed load must not stick: the next opener tries again.
			room.catch(() => this.#rooms.delete(name));
		}
		return room;
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
