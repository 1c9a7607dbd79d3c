/**
 * Our relay as one or two processes on PostgreSQL and Redis (issue 19), for the fan-out loads:
 * 'pathways-pg' is one process, 'pathways-pg-2' two, each document's clients spread over both, so
 * every delivery to a client on the other process crosses Redis. A throwaway PostgreSQL cluster and
 * Redis start on first use (the tests' own, `sync-server/test/engines/services.ts`: fsync off, so
 * the figures are client and server work, not the disk); each run gets a fresh database.
 * Any other kind is the one process of relay-clients.ts.
 */
import { randomUUID } from 'node:crypto';
import {
	createDatabase,
	startPostgres,
	startRedis,
	type Service
} from '../sync-server/test/engines/services';
import { startServer, type BenchServer, type RelayKind } from './relay-clients';
import type { ServerStats } from './relay-server';

export interface BenchCluster {
	/** One port per process; client c of a document connects to ports[c % ports.length]. */
	ports: number[];
	/** CPU and memory summed over the processes. */
	stats(): Promise<Pick<ServerStats, 'cpuMicros' | 'rss'>>;
	stop(): Promise<void>;
}

export const isMultiProcessKind = (kind: RelayKind) => kind === 'pathways-pg' || kind === 'pathways-pg-2';

let engines: Promise<{ postgres: Service; redis: Service }> | undefined;

/** A fresh database on the bench's PostgreSQL and a channel prefix of its own on its Redis (both started on first use). */
export async function clusterEnv(): Promise<
	Record<'DATABASE_URL' | 'REDIS_URL' | 'REDIS_CHANNEL_PREFIX', string>
> {
	engines ??= Promise.all([startPostgres(), startRedis()]).then(([postgres, redis]) => ({ postgres, redis }));
	const { postgres, redis } = await engines;
	return {
		DATABASE_URL: await createDatabase(postgres.url, 'bench'),
		REDIS_URL: redis.url,
		REDIS_CHANNEL_PREFIX: `bench-${randomUUID()}:`
	};
}

export async function startCluster(kind: RelayKind, dataDir: string): Promise<BenchCluster> {
	if (!isMultiProcessKind(kind)) return single(await startServer(kind, dataDir));
	const env = await clusterEnv();
	const count = kind === 'pathways-pg-2' ? 2 : 1;
	const servers: BenchServer[] = [];
	for (let i = 0; i < count; i++) servers.push(await startServer('pathways', dataDir, undefined, env));
	return {
		ports: servers.map((server) => server.port),
		async stats() {
			const all = await Promise.all(servers.map((server) => server.stats()));
			return {
				cpuMicros: all.reduce((sum, s) => sum + s.cpuMicros, 0),
				rss: all.reduce((sum, s) => sum + s.rss, 0)
			};
		},
		stop: async () => {
			await Promise.all(servers.map((server) => server.stop()));
		}
	};
}

function single(server: BenchServer): BenchCluster {
	return { ports: [server.port], stats: () => server.stats(), stop: () => server.stop() };
}

/** Stops the PostgreSQL and Redis started for the bench, if any. */
export async function stopClusterEngines(): Promise<void> {
	if (!engines) return;
	const { postgres, redis } = await engines;
	engines = undefined;
	await redis.stop();
	await postgres.stop();
}
