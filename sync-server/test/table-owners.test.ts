/**
 * One store per table (issue 15): every SQL statement in sync-server/src that writes a table of the
 * SQLite file (INSERT, REPLACE, UPDATE, DELETE) is in that table's one owning file. A second writer
 * fails this test. The accounts tables (users, students, caseloads, guardian_links) are AccountStore's:
 * a roster import writes them through its importWriter, district admins through setDistrict.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Migrations make the tables; PostgreSQL has its own tables and owners. */
const NOT_WRITERS = new Set(['db.ts', 'postgres/migrations.ts']);

const WRITE =
	/\b(?:(?:INSERT(?: OR [A-Z]+)?|REPLACE) INTO|DELETE FROM)\s+([a-z_]+)|\bUPDATE\s+([a-z_]+)\s+SET\b/g;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function writersByTable(): Map<string, Set<string>> {
	const writers = new Map<string, Set<string>>();
	for (const file of sourceFiles(SRC)) {
		const relative = path.relative(SRC, file).split(path.sep).join('/');
		if (NOT_WRITERS.has(relative) || relative.includes('postgres')) continue;
		for (const match of readFileSync(file, 'utf8').matchAll(WRITE)) {
			const table = match[1] ?? match[2]!;
			if (!writers.has(table)) writers.set(table, new Set());
			writers.get(table)!.add(relative);
		}
	}
	return writers;
}

describe('one store per table', () => {
	const writers = writersByTable();

	it('finds the writers it should (the scan itself works)', () => {
		expect([...(writers.get('schools') ?? [])]).toEqual(['auth/school-store.ts']);
		expect(writers.get('doc_updates')?.size).toBe(1);
	});

	it('has one writing file per table', () => {
		const shared: Record<string, string[]> = {};
		for (const [table, files] of writers) {
			if (files.size > 1) shared[table] = [...files].sort();
		}
		expect(shared).toEqual({});
	});
});
