/**
 * One server, one port: the built app, the REST API under /api and the relay under /sync.
 * createServer wires the parts; it does not listen (main.ts and the tests do).
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { docName } from '../../src/lib/plp/access';
import type { Framework } from '../../src/lib/contracts/framework';
import { installErrorHandler } from './api/errors';
import { registerApi, type ApiContext } from './api/index';
import { SqliteAccessResolver } from './auth/access-resolver';
import { AccountStore } from './auth/accounts';
import { LeaverAccess } from './auth/leavers';
import { registerVoiceRoutes } from './voices/voice-routes';
import { InviteStore } from './auth/invites';
import { SchoolStore } from './auth/school-store';
import { SessionStore } from './auth/sessions';
import { PasswordChecks } from './auth/password-checks';
import { TrustedDevices } from './auth/trusted-devices';
import { SqliteAuditLog } from './audit/audit-log';
import type { ServerConfig } from './config';
import type { DocStore, RelayControl, ServerDocWriter } from './contracts';
import { openDatabase, type Database } from './db';
import { DEMO_ADMIN_ID, seedDemoSchool, type DemoSeed, type DemoStudent } from './demo/demo-school';
import { registerEvidence } from './blobs/register';
import { BlobStore } from './blobs/blob-store';
import { registerRelay } from './relay/relay';
import { LocalFanOut, ReceiverSlot } from './fanout/local-fan-out';
import { RedisFanOut } from './fanout/redis-fan-out';
import type { FanOut } from './contracts';
import { registerGrowthRoutes } from './growth/growth-routes';
import { PlanFactsCache } from './growth/plan-facts';
import { registerFrameworkRoutes } from './proficiencies/framework-routes';
import { SqliteFrameworkStore } from './proficiencies/framework-store';
import { registerRosterRoutes } from './roster/roster-routes';
import { registerSecurityHeaders } from './security-headers';
import { registerSelfAssessmentRoutes } from './self-assessment/assessment-routes';
import { openSharedState, type SharedState } from './shared/shared-state';
import { registerStatic } from './static';
import { assertMovedToPostgres } from './storage/move-to-postgres';
import { openRelayStore, type RelayStore } from './storage/relay-store';
import { createDocStore } from './storage/sqlite-doc-store';

const HOUR_MS = 3_600_000;

/** Initial content of a demo student's plan: one Yjs update per document (see README.md). */
export type DemoPlanContent = (
	student: DemoStudent
) => { plan?: Uint8Array; family?: Uint8Array } | undefined;

export interface ServerOptions {
	/** The clock (ms since 1970) for sessions, invites, throttling and the audit log. Tests move it. */
	now?: () => number;
	/** Writes the demo plans' content when the demo school is seeded; without it they start empty. */
	seedDemoPlanContent?: DemoPlanContent;
	/** Saved as the demo school's first framework version when it is seeded; without it the school has none. */
	seedDemoFramework?: Framework;
}

export interface PathwaysServer {
	app: FastifyInstance;
	relay: RelayControl;
	db: Database;
	/** What was seeded on this start, or null (seeding off, or the database already had users). */
	demo: DemoSeed | null;
	/** Closes the relay (flushing documents), the HTTP server and the database, in that order. */
	close(): Promise<void>;
}

export async function createServer(
	config: ServerConfig,
	options: ServerOptions = {}
): Promise<PathwaysServer> {
	const now = options.now ?? Date.now;
	const db = openDatabase(config.dataDir);
	const store = createDocStore(db);
	let app: FastifyInstance | undefined;
	let relayStore: RelayStore | undefined;
	let fanOut: FanOut | undefined;
	let shared: SharedState | undefined;
	try {
		// The relay's documents and the evidence: this SQLite file and data folder, or PostgreSQL with
		// DATABASE_URL (storage/relay-store.ts). Plans or files still only here would look missing on
		// PostgreSQL: refuse, and say how to move them.
		if (config.databaseUrl !== null)
			assertMovedToPostgres(db, { evidence: true, audit: true, frameworks: true });
		relayStore = await openRelayStore(
			config.databaseUrl,
			{
				docs: store,
				blobs: new BlobStore(db, config.dataDir, now),
				audit: new SqliteAuditLog(db, now),
				frameworks: new SqliteFrameworkStore(db, now)
			},
			now
		);
		// The other relay processes, with REDIS_URL; alone otherwise. The relay takes the slot below.
		const slot = new ReceiverSlot();
		fanOut =
			config.redisUrl === null
				? new LocalFanOut()
				: await RedisFanOut.connect(config.redisUrl, slot, { channelPrefix: config.redisChannelPrefix });
		// Sign-in counts and the daily backup's claim: this process's own, or shared in Redis.
		shared = await openSharedState(config, { now });
		const accounts = new AccountStore(db, now);
		const schools = new SchoolStore(db, now);
		const demo = config.seedDemo ? await seedDemoSchool(db, accounts, schools) : null;
		if (demo && options.seedDemoFramework) {
			await relayStore.frameworks.save(demo.schoolId, DEMO_ADMIN_ID, options.seedDemoFramework);
		}

		app = createApp(config);
		const sessions = new SessionStore(db, config.sessionTtlHours * HOUR_MS, now);
		const leavers = new LeaverAccess(db, config.leaverAccessDays, now);
		const resolver = new SqliteAccessResolver(accounts, sessions, leavers);
		const audit = relayStore.audit;
		const relay = registerRelay(app, {
			store: relayStore.store,
			fanOut,
			resolver,
			audit,
			limits: { maxMessageBytes: config.maxMessageBytes, idleUnloadSeconds: config.docIdleSeconds },
			now
		});
		slot.target = relay.receiver;
		if (demo && options.seedDemoPlanContent) await writeDemoPlans(relay, demo, options.seedDemoPlanContent);
		const ctx: ApiContext = {
			config,
			db,
			accounts,
			schools,
			sessions,
			invites: new InviteStore(db, accounts, config.inviteTtlHours * HOUR_MS, now),
			leavers,
			audit,
			resolver,
			signInGuard: shared.signInGuard,
			inviteThrottle: shared.guessLimiter,
			passwords: new PasswordChecks(config.signIn.maxConcurrentChecks),
			devices: new TrustedDevices(db, now),
			relay,
			// The API reads documents where the relay stores them, on either engine.
			docs: relayStore.store,
			blobs: relayStore.blobs,
			frameworks: relayStore.frameworks,
			planFacts: new PlanFactsCache(relayStore.store),
			healthProbes: [relayStore.probe, shared.probe].filter((probe) => probe !== null),
			startedAt: Date.now(),
			now
		};
		registerApi(app, ctx);
		registerRosterRoutes(app, ctx);
		registerFrameworkRoutes(app, ctx);
		registerGrowthRoutes(app, ctx);
		registerSelfAssessmentRoutes(app, ctx);
		registerEvidence(app, ctx, shared.backupClaim);
		registerVoiceRoutes(app, ctx);
		registerSecurityHeaders(app, config.buildDir);
		await registerStatic(app, config.buildDir);
		await app.ready();
		return { app, relay, db, demo, close: closeOnce(app, relay, [fanOut, shared], relayStore, store, db) };
	} catch (error) {
		await app?.close();
		await fanOut?.close();
		await shared?.close();
		await relayStore?.close();
		store.close();
		db.close();
		throw error;
	}
}

function createApp(config: ServerConfig): FastifyInstance {
	const app = Fastify({
		logger: {
			level: config.logLevel,
			// Only method and path: query strings can carry a session token (the relay accepts one there).
			serializers: { req: (req) => ({ method: req.method, path: req.url.split('?')[0] }) }
		},
		logController: new LogController({ disableRequestLogging: true }),
		trustProxy: config.trustProxy,
		bodyLimit: 64 * 1024
	});
	installErrorHandler(app);
	app.addHook('onSend', async (request, reply) => {
		// Answers about accounts and plans are per person and change: never cache them anywhere.
		if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
	});
	return app;
}

function closeOnce(
	app: FastifyInstance,
	relay: RelayControl,
	links: { close(): Promise<void> }[],
	relayStore: RelayStore,
	store: DocStore,
	db: Database
): () => Promise<void> {
	let closing: Promise<void> | undefined;
	return () => {
		closing ??= (async () => {
			try {
				// The relay flushes and unloads its documents before the database goes away.
				await relay.close();
				await app.close();
			} finally {
				// The links to the other processes (the fan-out, the shared counts), then storage.
				for (const link of links) await link.close();
				await relayStore.close();
				store.close();
				db.close();
			}
		})();
		return closing;
	};
}

/** Through the relay, like every change the server makes, so the demo opens with content on either engine. */
async function writeDemoPlans(
	relay: ServerDocWriter,
	demo: DemoSeed,
	content: DemoPlanContent
): Promise<void> {
	for (const student of demo.students) {
		const updates = content(student);
		const entries = (['plan', 'family'] as const).flatMap((kind) => {
			const update = updates?.[kind];
			return update ? [{ docName: docName(kind, student.planId), update }] : [];
		});
		await relay.writeServerUpdates(entries);
	}
}
