/**
 * Where the relay keeps plan documents and the server keeps evidence files, the audit log and the
 * proficiency frameworks,
 * chosen once at start: the SQLite file and the data folder's blobs/ (the default, through
 * SyncDocStoreAdapter and DiskBlobStoreAdapter) or, with DATABASE_URL, PostgreSQL, which several
 * relay processes share. One implementation per engine behind AsyncDocStore, AsyncBlobStore,
 * AuditStore and FrameworkStore; nothing else in the server knows which one it has.
 */
import type { AsyncBlobStore, AsyncDocStore, AuditStore, DocStore, FrameworkStore } from '../contracts';
import { PostgresAuditLog } from '../audit/postgres-audit-log';
import { DiskBlobStoreAdapter } from '../blobs/async-blob-store';
import type { BlobStore } from '../blobs/blob-store';
import { PostgresBlobStore } from '../blobs/postgres-blob-store';
import type { HealthProbe } from '../api/health-checks';
import { openPostgres } from '../postgres/database';
import { PostgresFrameworkStore } from '../proficiencies/postgres-framework-store';
import { SyncDocStoreAdapter } from './async-doc-store';
import { PostgresDocStore } from './postgres-doc-store';

export interface RelayStore {
	store: AsyncDocStore;
	/** Evidence files: the data folder's, or PostgreSQL's (decision 0112). */
	blobs: AsyncBlobStore;
	/** Who opened and changed which plan: the SQLite file's, or PostgreSQL's. */
	audit: AuditStore;
	/** Each school's proficiency frameworks: the SQLite file's, or PostgreSQL's. */
	frameworks: FrameworkStore;
	/** PostgreSQL's health check; none for the SQLite file (/api/health reads that one itself). */
	probe: HealthProbe | null;
	/** Waits for the calls in flight, then closes what this opened (the PostgreSQL pool); the SQLite store stays the caller's. */
	close(): Promise<void>;
}

export async function openRelayStore(
	databaseUrl: string | null,
	local: { docs: DocStore; blobs: BlobStore; audit: AuditStore; frameworks: FrameworkStore },
	now: () => number = Date.now
): Promise<RelayStore> {
	if (databaseUrl === null) {
		// The SQLite store is closed by whoever opened it (server.ts, with the database file).
		const store = new SyncDocStoreAdapter(local.docs);
		return {
			store,
			blobs: new DiskBlobStoreAdapter(local.blobs),
			audit: local.audit,
			frameworks: local.frameworks,
			probe: null,
			close: async () => {}
		};
	}
	const pool = await openPostgres(databaseUrl);
	const store = new PostgresDocStore(pool);
	const audit = new PostgresAuditLog(pool, now);
	return {
		store,
		blobs: new PostgresBlobStore(pool, now),
		audit,
		frameworks: new PostgresFrameworkStore(pool, now),
		probe: { part: 'postgresql', check: () => pool.query('SELECT 1') },
		async close() {
			// The relay has stopped recording: what it recorded last goes in before the pool ends.
			await audit.close();
			await store.close();
			await pool.end();
		}
	};
}
