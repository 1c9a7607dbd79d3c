/**
 * The document log on each engine (BENCH_ONLY=storage): what one turn of group commit costs
 * (appendUpdates of 1 and of 50 updates, ~120-byte Yjs updates, as typing makes), loading a
 * document of 500 updates, and compacting it. SQLite through the adapter on a real file, PostgreSQL
 * on a throwaway local cluster (the tests' own, fsync off, so the figure is the client and server
 * work, not the disk). Nothing here asserts a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from '../sync-server/src/db';
import * as Y from 'yjs';
import type { AsyncDocStore } from '../sync-server/src/contracts';
import { openPostgres } from '../sync-server/src/postgres/database';
import { SyncDocStoreAdapter } from '../sync-server/src/storage/async-doc-store';
import { PostgresDocStore } from '../sync-server/src/storage/postgres-doc-store';
import { SqliteDocStore } from '../sync-server/src/storage/sqlite-doc-store';
import { startPostgres } from '../sync-server/test/engines/services';
import { median, percentile, printTable } from './report';

/** Keystroke-sized updates of one document, as a Y.Doc makes them. */
function typing(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < count; i++) doc.getText('t').insert(i, 'word '.repeat(20).slice(0, 1 + (i % 100)));
	return updates;
}

async function measure(store: AsyncDocStore, label: string): Promise<Array<[string, string]>> {
	const updates = typing(500);
	const rows: Array<[string, string]> = [];
	for (const batch of [1, 50]) {
		const times: number[] = [];
		for (let round = 0; round < 400; round++) {
			const entries = Array.from({ length: batch }, (_, i) => ({
				docName: `plan.bench-${label}-${(round * batch + i) % 100}`,
				update: updates[(round * batch + i) % updates.length]!
			}));
			const start = performance.now();
			await store.appendUpdates(entries);
			times.push(performance.now() - start);
		}
		rows.push([
			`appendUpdates × ${batch}`,
			`p50 ${median(times).toFixed(3)} ms · p99 ${percentile(times, 99).toFixed(3)} ms per commit`
		]);
	}
	const doc = `plan.load-${label}`;
	await store.appendUpdates(updates.map((update) => ({ docName: doc, update })));
	const loads: number[] = [];
	for (let i = 0; i < 30; i++) {
		const start = performance.now();
		await store.loadUpdates(doc);
		loads.push(performance.now() - start);
	}
	rows.push(['loadUpdates, 500 updates', `p50 ${median(loads).toFixed(2)} ms`]);
	const start = performance.now();
	const replaced = await store.compact(doc);
	rows.push([`compact, ${replaced} updates`, `${(performance.now() - start).toFixed(2)} ms`]);
	return rows;
}

export async function runStorageEnginesBench(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
	const db = new DatabaseSync(join(dir, 'pathways.db'));
	migrate(db);
	const sqlite = new SyncDocStoreAdapter(new SqliteDocStore(db), () => db.close());
	try {
		printTable('Document log on SQLite (durability normal)', await measure(sqlite, 'sqlite'));
	} finally {
		await sqlite.close();
		rmSync(dir, { recursive: true, force: true });
	}
	const postgres = await startPostgres();
	try {
		const pool = await openPostgres(postgres.url);
		const store = new PostgresDocStore(pool);
		try {
			printTable('Document log on PostgreSQL (local, fsync off)', await measure(store, 'pg'));
		} finally {
			await store.close();
			await pool.end();
		}
	} finally {
		await postgres.stop();
	}
}
