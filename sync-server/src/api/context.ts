/** Everything a route needs, built once by server.ts and handed to each group of routes. */
import type { AccountStore } from '../auth/accounts';
import type { SqliteAccessResolver } from '../auth/access-resolver';
import type { InviteStore } from '../auth/invites';
import type { SessionStore } from '../auth/sessions';
import type { FailureThrottle } from '../auth/throttle';
import type { SqliteAuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config';
import type { DocStore, RelayControl } from '../contracts';
import type { Database } from '../db';

export interface ApiContext {
	config: ServerConfig;
	db: Database;
	accounts: AccountStore;
	sessions: SessionStore;
	invites: InviteStore;
	audit: SqliteAuditLog;
	resolver: SqliteAccessResolver;
	/** Failed sign-ins per username. */
	usernameThrottle: FailureThrottle;
	/** Failed sign-ins and invite redemptions per IP address. */
	ipThrottle: FailureThrottle;
	/** The live connections, to close what a change of rights no longer allows. */
	relay: RelayWithStats | undefined;
	/** The plans' documents, for summaries (review due) in plan lists. */
	store: DocStore;
	startedAt: number;
}

/** The relay's control surface, plus a document count if the relay offers one (for metrics). */
export type RelayWithStats = RelayControl & { docCount?: () => number };
