/**
 * The relay under benchmark, as its own process so its CPU and memory are measured alone.
 * RELAY_KIND=pathways: Fastify + registerRelay + SqliteDocStore on DATA_DIR (durability from
 * RELAY_BENCH_DURABILITY, default 'normal' like the server), or with DATABASE_URL and REDIS_URL
 * PostgresDocStore and the Redis fan-out, as a process of several (bench/relay-cluster.ts). RELAY_KIND=reference: @y/websocket-server 0.1.1, in memory, no persistence.
 * RELAY_KIND=hocuspocus: @hocuspocus/server 4, in memory (no extensions), its own multiplexed protocol.
 * All serve ws://HOST:PORT/sync/<docName>. Prints "listening <port>"; answers IPC 'stats'.
 */
import { Server as HocuspocusServer } from '@hocuspocus/server';
import { setupWSConnection } from '@y/websocket-server/utils';
import Fastify from 'fastify';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../sync-server/src/db';
import { WebSocketServer } from 'ws';
import type { AccessResolver, AuditLog, Principal } from '../sync-server/src/contracts';
import { registerRelay } from '../sync-server/src/relay/relay';
import { SyncDocStoreAdapter } from '../sync-server/src/storage/async-doc-store';
import { createDocStore } from '../sync-server/src/storage/sqlite-doc-store';
import { openRelayStore } from '../sync-server/src/storage/relay-store';
import { BlobStore } from '../sync-server/src/blobs/blob-store';
import { SqliteAuditLog } from '../sync-server/src/audit/audit-log';
import { SqliteFrameworkStore } from '../sync-server/src/proficiencies/framework-store';
import { LocalFanOut, ReceiverSlot } from '../sync-server/src/fanout/local-fan-out';
import { RedisFanOut } from '../sync-server/src/fanout/redis-fan-out';

export interface ServerStats {
	cpuMicros: number;
	rss: number;
	heap: number;
	/** Bytes the V8 young generation (new space) holds committed: it grows under a burst of allocation and stays. */
	young: number;
	heapSnapshot?: string;
}

/** Everyone may write everything: rights are checked once per open, not per update, so this does not flatter the figures. */
const openResolver: AccessResolver = {
	authenticate: (token): Principal | null =>
		token.startsWith('bench-')
			? {
					userId: token,
					displayName: token,
					role: 'staff',
					schoolId: 'bench',
					sessionId: token,
					expiresAt: Number.POSITIVE_INFINITY,
					staffTitle: 'advisor'
				}
			: null,
	accessTo: () => 'write'
};
const noAudit: AuditLog = { record: () => {} };

async function startPathways(port: number, dataDir: string): Promise<void> {
	const db = new DatabaseSync(join(dataDir, 'pathways.db'));
	migrate(db);
	const app = Fastify({ logger: false });
	// See sync-server/src/storage/README.md for what each durability survives.
	const sqlite = createDocStore(db, {
		durability: process.env.RELAY_BENCH_DURABILITY === 'full' ? 'full' : 'normal'
	});
	// As the server chooses (server.ts): PostgreSQL with DATABASE_URL, other processes with REDIS_URL.
	const databaseUrl = process.env.DATABASE_URL ?? null;
	const store =
		databaseUrl === null
			? new SyncDocStoreAdapter(sqlite)
			: (
					await openRelayStore(databaseUrl, {
						docs: sqlite,
						blobs: new BlobStore(db, dataDir, Date.now),
						audit: new SqliteAuditLog(db),
						frameworks: new SqliteFrameworkStore(db)
					})
				).store;
	const slot = new ReceiverSlot();
	const redisUrl = process.env.REDIS_URL;
	const fanOut =
		redisUrl === undefined
			? new LocalFanOut()
			: await RedisFanOut.connect(redisUrl, slot, { channelPrefix: process.env.REDIS_CHANNEL_PREFIX });
	const relay = registerRelay(app, {
		store,
		fanOut,
		resolver: openResolver,
		audit: noAudit,
		limits: {
			messagesPerSecond: 1000,
			messageBurst: 1000,
			maxConnections: 50_000,
			maxConnectionsPerUser: 50_000
		}
	});
	slot.target = relay.receiver;
	await app.listen({ host: '127.0.0.1', port });
	// A clean restart, as in production: the relay says 1001 and compacts before the process ends.
	process.once('SIGTERM', () => {
		app.close().then(
			() => process.exit(0),
			() => process.exit(1)
		);
	});
}

async function startReference(port: number): Promise<void> {
	const server = createServer();
	const wss = new WebSocketServer({ server });
	wss.on('connection', (conn, req) => {
		const docName = (req.url ?? '').split('?')[0]?.replace(/^\/sync\//, '') ?? '';
		setupWSConnection(conn, req, { docName });
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	process.once('SIGTERM', () => process.exit(0)); // in memory: nothing to save
}

async function startHocuspocus(port: number): Promise<void> {
	const server = new HocuspocusServer({ port, address: '127.0.0.1', quiet: true, stopOnSignals: false });
	await server.listen();
	process.once('SIGTERM', () => process.exit(0)); // in memory: nothing to save
}

function stats(): ServerStats {
	const cpu = process.cpuUsage();
	const memory = process.memoryUsage();
	const young = getHeapSpaceStatistics()
		.filter((space) => space.space_name === 'new_space')
		.reduce((total, space) => total + space.space_size, 0);
	return {
		cpuMicros: cpu.user + cpu.system,
		rss: memory.rss,
		heap: memory.heapUsed + memory.external,
		young
	};
}

process.on('message', (message) => {
	if (message === 'gc') globalThis.gc?.();
	// 'heap': a heap snapshot (for finding where an idle connection's bytes go); its path in `heapSnapshot`.
	if (message === 'heap') {
		globalThis.gc?.();
		process.send?.({
			...stats(),
			heapSnapshot: writeHeapSnapshot(join(tmpdir(), `relay-${process.pid}-${Date.now()}.heapsnapshot`))
		});
		return;
	}
	process.send?.(stats());
});

const port = Number(process.env.PORT ?? 0);
if (process.env.RELAY_KIND === 'reference') await startReference(port);
else if (process.env.RELAY_KIND === 'hocuspocus') await startHocuspocus(port);
else await startPathways(port, process.env.DATA_DIR ?? '.');
console.log(`listening ${port}`);
