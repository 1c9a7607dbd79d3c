/**
 * Where the relay keeps plan documents, chosen once at start: the SQLite file (the default, through
 * SyncDocStoreAdapter, the same store the rest of the server reads) or, with DATABASE_URL,
 * PostgreSQL, which several relay processes share. One implementation per engine behind
 * AsyncDocStore; nothing else in the relay knows which one it has.
 */
import type { AsyncDocStore, DocStore } from '../contracts';
import type { HealthProbe } from '../api/health-checks';
import { openPostgres } from '../postgres/database';
import { SyncDocStoreAdapter } from './async-doc-store';
import { PostgresDocStore } from './postgres-doc-store';

export interface RelayStore {
	store: AsyncDocStore;
	/** PostgreSQL's health check; none for the SQLite file (/api/health reads that one itself). */
	probe: HealthProbe | null;
	/** Waits for the calls in flight, then closes what this opened (the PostgreSQL pool); the SQLite store stays the caller's. */
	close(): Promise<void>;
}

export async function openRelayStore(databaseUrl: string | null, sqlite: DocStore): Promise<RelayStore> {
	if (databaseUrl === null) {
		// The SQLite store is closed by whoever opened it (server.ts, with the database file).
		const store = new SyncDocStoreAdapter(sqlite);
		return { store, probe: null, close: async () => {} };
	}
	const pool = await openPostgres(databaseUrl);
	const store = new PostgresDocStore(pool);
	return {
		store,
		probe: { part: 'postgresql', check: () => pool.query('SELECT 1') },
		async close() {
			await store.close();
			await pool.end();
		}
	};
}
