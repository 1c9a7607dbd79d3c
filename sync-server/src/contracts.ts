/**
 * The seams between the parts of the server. The relay (src/relay, src/storage) and the accounts
 * side (src/auth, src/api) meet only here, so each can be built and tested on its own.
 */
import type { Framework, FrameworkVersion } from '../../src/lib/contracts/framework';
import type { Access, DocKind, Role } from '../../src/lib/plp/access';

/** A signed-in person, as a live connection knows them. Never holds the token itself. */
export interface Principal {
	userId: string;
	displayName: string;
	role: Role;
	schoolId: string;
	/** Id of the session (not the token): lets the server close this session's sockets on sign-out. */
	sessionId: string;
	/** When the session ends (ms since 1970): the relay closes its sockets then. */
	expiresAt: number;
	/** Staff title (advisor, teacher, counselor), shown in presence; null for other roles. */
	staffTitle: string | null;
}

/** Answers "who is this token" and "what may they do with this document" against the database. */
export interface AccessResolver {
	/** The principal for a session token, or null if the token is unknown, expired or the user deactivated. */
	authenticate(token: string): Principal | null;
	/** What the principal may do with one document of a plan; 'none' when the plan does not exist. */
	accessTo(principal: Principal, kind: DocKind, planId: string): Access;
}

/** Append-only record of who opened and who changed which plan. */
export interface AuditLog {
	record(entry: {
		userId: string;
		planId: string;
		action: 'open' | 'change' | 'denied';
		docKind: DocKind;
		detail?: string;
	}): void;
}

/** When a plan was last changed by anyone, from the audit log (ms since 1970; absent when never). */
export interface LastChanges {
	/** The newest change to either document of the plan. */
	any?: number;
	family?: number;
}

/** One stored entry of the audit log. Ids only grow: pages of a plan's log follow them. */
export interface StoredAuditEntry {
	id: number;
	/** When it was recorded (ms since 1970), not when it reached the database. */
	at: number;
	userId: string;
	planId: string;
	docKind: DocKind;
	action: 'open' | 'change' | 'denied';
	detail: string | null;
}

/**
 * The audit log where the server keeps it: the SQLite file, or PostgreSQL with DATABASE_URL (every
 * process writes the same log). `record` never waits: the SQLite file writes the entry at once,
 * PostgreSQL a turn's entries in one INSERT right after the turn (kept in memory and retried while
 * PostgreSQL cannot be reached; `flush` waits for them). Appended only: both engines refuse to
 * change or delete an entry.
 */
export interface AuditStore extends AuditLog {
	/** The newest entries of one plan first, at most `limit`, only those with an id below `before` when given. */
	listForPlan(planId: string, limit: number, before?: number): Promise<StoredAuditEntry[]>;
	/** When each plan, and its family part, was last changed (its newest 'change' entries); every id asked has an entry. */
	lastChanges(planIds: readonly string[]): Promise<Map<string, LastChanges>>;
	/** Resolves once every entry recorded so far is stored; rejects if that is not possible now. */
	flush(): Promise<void>;
	/** Stores what was recorded (trying once more), then refuses new entries. */
	close(): Promise<void>;
}

/** One version of a school's framework as the admin's list of versions shows it. */
export interface FrameworkVersionSummary {
	version: number;
	createdAt: string;
	proficiencies: number;
	scales: number;
}

/**
 * Each school's proficiency frameworks where the server keeps them: the SQLite file, or PostgreSQL
 * with DATABASE_URL (every process reads and writes the same versions). Every version is kept:
 * progress entries point at the proficiencies of the version they were made with.
 */
export interface FrameworkStore {
	/** The school's newest version, or null before its first upload. */
	latest(schoolId: string): Promise<FrameworkVersion | null>;
	get(schoolId: string, version: number): Promise<FrameworkVersion | null>;
	/** Every version, newest first. */
	list(schoolId: string): Promise<FrameworkVersionSummary[]>;
	/**
	 * Saves the framework as the next version, unless it is the same as the latest (then that one is
	 * answered, `isNew` false). Two saves at once, on any processes, never get the same number.
	 */
	save(
		schoolId: string,
		userId: string,
		framework: Framework
	): Promise<{ version: FrameworkVersion; isNew: boolean }>;
}

/** One update of one document, as the relay hands a turn's worth of them to the store. */
export interface StoredUpdate {
	docName: string;
	update: Uint8Array;
}

/** Durable storage of Yjs documents: an append-only log of updates per document, compacted now and then. */
export interface DocStore {
	/** All stored updates of a document, oldest first (empty for a new document). */
	loadUpdates(docName: string): Uint8Array[];
	/** Appends one update durably (committed) before returning. */
	appendUpdate(docName: string, update: Uint8Array): void;
	/** Appends several updates (of any documents) in ONE transaction, committed before returning; all or nothing. */
	appendUpdates(entries: readonly StoredUpdate[]): void;
	/** Replaces the whole log of a document by one merged update, atomically. */
	compact(docName: string, merged: Uint8Array, replacedCount: number): void;
	/** Number of updates stored for a document. */
	countUpdates(docName: string): number;
	/** Sequence number of the document's newest stored update (0 when none): only grows, a compaction keeps it. */
	newestSeq(docName: string): number;
	close(): void;
}

/**
 * The same document log for engines whose calls are asynchronous (PostgreSQL; SQLite through an
 * adapter). "Resolved means committed": a promise resolves only once its transaction committed.
 * A rejection means "not known to be stored" (nothing of it when the engine refused it; unknown when
 * the connection dropped during the commit): the writers' clients resend, and Yjs ignores an update
 * it already has. The relay writes to it and the API reads from it (one store per server, chosen by
 * `storage/relay-store.ts`), so what the API reads is what the relay stored, on either engine.
 */
export interface AsyncDocStore {
	/** All stored updates of a document, oldest first (empty for a new document). */
	loadUpdates(docName: string): Promise<Uint8Array[]>;
	/** Appends several updates (of any documents) in ONE transaction; resolves once committed; all or nothing. */
	appendUpdates(entries: readonly StoredUpdate[]): Promise<void>;
	/**
	 * Merges the document's whole stored log into one update (`Y.mergeUpdates`), atomically, and
	 * resolves with the number of updates it replaced (0 when there were fewer than two). The store
	 * merges what it reads, not what the caller holds: with several processes appending, a caller's
	 * count of "its" updates need not be the first ones stored, and replacing those would lose some.
	 * Updates appended meanwhile (by any process) are kept, after the merged one.
	 */
	compact(docName: string): Promise<number>;
	/** Number of updates stored for a document. */
	countUpdates(docName: string): Promise<number>;
	/**
	 * Sequence number of the document's newest stored update (0 when none). It only grows, also across
	 * a compaction (the merged update keeps the last seq it replaced), so readers stamp caches with it.
	 */
	newestSeq(docName: string): Promise<number>;
	/** Waits for the calls already made, then refuses new ones. */
	close(): Promise<void>;
}

/** An evidence file the server holds, addressed by the SHA-256 of its content. */
export interface StoredBlobInfo {
	hash: string;
	size: number;
	mimeType: string;
}

/**
 * Evidence files for engines whose calls are asynchronous (PostgreSQL; the disk store through an
 * adapter). A file arrives in chunks into one plan's unfinished upload, is checked against its
 * hash, then stored once whichever plans reference it. The blob routes, export and import use it
 * (ctx.blobs: the data folder, or PostgreSQL with DATABASE_URL).
 */
export interface AsyncBlobStore {
	info(hash: string): Promise<StoredBlobInfo | undefined>;
	/** Bytes of a plan's unfinished upload received so far (0 when none). */
	receivedBytes(planId: string, hash: string): Promise<number>;
	/**
	 * Adds a chunk at `offset` to a plan's unfinished upload, whole or not at all. Refused (with
	 * what the store has) when `offset` is not where the upload is, or while it is being finished:
	 * also when two processes race with the same chunk, exactly one is accepted.
	 */
	appendChunk(
		planId: string,
		hash: string,
		offset: number,
		chunk: Uint8Array
	): Promise<{ isAccepted: boolean; received: number }>;
	/** Up to `bytes` first bytes of an unfinished upload, to tell the file's type. */
	readPartialHead(planId: string, hash: string, bytes: number): Promise<Uint8Array>;
	/**
	 * Checks a complete upload against its hash and stores it (or drops it when the content is
	 * stored already). False, and the upload dropped, when the content does not have that hash.
	 */
	finish(planId: string, hash: string, mimeType: string): Promise<boolean>;
	/** From then on, whoever may read the plan may read the file. */
	linkToPlan(planId: string, hash: string, userId: string): Promise<void>;
	isLinked(planId: string, hash: string): Promise<boolean>;
	plansOf(hash: string): Promise<string[]>;
	/** Files a plan references, in the order they were added. */
	blobsOf(planId: string): Promise<StoredBlobInfo[]>;
	/** A stored file's bytes, in order, a chunk at a time. */
	read(hash: string): AsyncIterable<Uint8Array>;
}

/** A right taken away: every process re-checks (user) or closes (session) the matching sockets. */
export type Revocation = { kind: 'user'; userId: string } | { kind: 'session'; sessionId: string };

/** What a relay process hears from the other processes (fan-out/redis-fan-out.ts). Never its own messages. */
export interface FanOutReceiver {
	/** A committed update of a document this process holds. */
	update(docName: string, update: Uint8Array): void;
	/** A presence (awareness) update of a document this process holds. */
	presence(docName: string, presence: Uint8Array): void;
	revocation(revocation: Revocation): void;
	/**
	 * The link to the others dropped and is back: messages sent meanwhile are lost, so the process
	 * reloads the documents it holds from storage (every update is stored before it is published).
	 */
	resumed(): void;
}

/**
 * What relay processes share (issue 19): the committed updates and presence of the documents each
 * holds a connection to, and revocations, which every process hears. Not used by the relay yet.
 */
export interface FanOut {
	/** This process's id, sent with every message so that it can skip its own. */
	readonly processId: string;
	/** Starts hearing a document's updates and presence (idempotent). */
	hold(docName: string): Promise<void>;
	/** Stops hearing a document (its last connection here closed). */
	release(docName: string): Promise<void>;
	/** Sends an update to every other process holding the document: only once it is committed. */
	publishUpdate(docName: string, update: Uint8Array): Promise<void>;
	publishPresence(docName: string, presence: Uint8Array): Promise<void>;
	publishRevocation(revocation: Revocation): Promise<void>;
	close(): Promise<void>;
}

/** What the relay lets the rest of the server do to live connections. */
export interface RelayControl {
	/** Re-checks every live connection of this user (rights changed, user deactivated): closes what is no longer allowed. */
	recheckUser(userId: string): void;
	/** Closes every live connection of one session (signed out). */
	closeSession(sessionId: string): void;
	/** Number of open connections, for health and metrics. */
	connectionCount(): number;
	/** Flushes pending work and closes every connection (clean shutdown). */
	close(): Promise<void>;
	/**
	 * The one way the server changes documents itself (an imported archive, the roster's plan
	 * information, a guest's words, new plans, the demo's content): stores the updates in ONE commit
	 * where the relay reads, then sends them to every connection of those documents, on this process
	 * and (through the fan-out) on every other. Resolved means committed.
	 */
	writeServerUpdates(entries: readonly StoredUpdate[]): Promise<void>;
}

/** What code that changes documents on the server needs of the relay (tests and tools may pass the relay itself). */
export type ServerDocWriter = Pick<RelayControl, 'writeServerUpdates'>;
