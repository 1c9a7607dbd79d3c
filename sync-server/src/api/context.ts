/** Everything a route needs, built once by server.ts and handed to each group of routes. */
import type { AccountStore } from '../auth/accounts';
import type { SqliteAccessResolver } from '../auth/access-resolver';
import type { InviteStore } from '../auth/invites';
import type { LeaverAccess } from '../auth/leavers';
import type { SchoolStore } from '../auth/school-store';
import type { SessionStore } from '../auth/sessions';
import type { PasswordChecks } from '../auth/password-checks';
import type { AttemptLimiter } from '../auth/attempt-limiter';
import type { SignInGuard } from '../auth/sign-in-guard';
import type { TrustedDevices } from '../auth/trusted-devices';
import type { ServerConfig } from '../config';
import type { AsyncBlobStore, AsyncDocStore, AuditStore, FrameworkStore, RelayControl } from '../contracts';
import type { Database } from '../db';
import type { PlanFactsCache } from '../growth/plan-facts';
import type { HealthProbe } from './health-checks';

export interface ApiContext {
	config: ServerConfig;
	db: Database;
	accounts: AccountStore;
	/** Schools and districts (the one writer of their tables). */
	schools: SchoolStore;
	sessions: SessionStore;
	invites: InviteStore;
	/** Students who left: until when they may still read their plan. */
	leavers: LeaverAccess;
	/** The audit log, on the server's engine (the SQLite file, or PostgreSQL). */
	audit: AuditStore;
	resolver: SqliteAccessResolver;
	/** Sign-in attempts per account and address, per account, per trusted device. */
	signInGuard: SignInGuard;
	/** Unknown invite codes and guests' links per IP address (blocks only those), across processes with REDIS_URL. */
	inviteThrottle: AttemptLimiter;
	/** Every scrypt, through one bounded queue. */
	passwords: PasswordChecks;
	devices: TrustedDevices;
	/**
	 * The live connections, to close what a change of rights no longer allows, and the one writer
	 * of every document change the server makes itself (writeServerUpdates).
	 */
	relay: RelayWithStats;
	/**
	 * The documents where the relay stores them (the SQLite file, or PostgreSQL with DATABASE_URL):
	 * every read of a document by the API, and what a server-made change is computed against.
	 */
	docs: AsyncDocStore;
	/** Evidence files, on the same engine: the data folder's blobs/, or PostgreSQL with DATABASE_URL. */
	blobs: AsyncBlobStore;
	/** Each school's proficiency frameworks, on the same engine. */
	frameworks: FrameworkStore;
	/** Each plan's facts for the growth and self-assessment figures, one cache for both (each plan read once per change). */
	planFacts: PlanFactsCache;
	/** What /api/health checks besides the SQLite file: PostgreSQL and Redis when they are in use. */
	healthProbes: HealthProbe[];
	startedAt: number;
	/** The server's clock (tests move it). */
	now: () => number;
}

/** The relay's control surface, plus a document count if the relay offers one (for metrics). */
export type RelayWithStats = RelayControl & { docCount?: () => number };
