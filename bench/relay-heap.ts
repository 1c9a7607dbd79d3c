/**
 * Where an idle connection's bytes go: `npx tsx bench/relay-heap.ts [pathways|reference|hocuspocus]`
 * starts the relay as in the benchmark, loads 100 documents, takes a heap snapshot, opens 1,000
 * more idle connections, takes another, and prints the growth per connection by kind of object
 * (V8's own names: closures, contexts, ws and net objects, strings, hash tables). Not part of
 * `npm run bench`; a tool for cutting per-connection memory (decision 0051).
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { dialectOf, openRaw, sleep, startServer, syncUrl, type RelayKind } from './relay-clients';

const CONNECTIONS = 1000;
const DOCS = 100;

interface Growth {
	count: number;
	size: number;
}

/** Self sizes and counts by "type:name" of every node in a V8 heap snapshot. */
function summarize(path: string): Map<string, Growth> {
	const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
		nodes: number[];
		strings: string[];
	};
	const fields = snapshot.snapshot.meta.node_fields;
	const types = snapshot.snapshot.meta.node_types[0];
	const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
	const out = new Map<string, Growth>();
	const { nodes, strings } = snapshot;
	for (let i = 0; i < nodes.length; i += fields.length) {
		const type = types[nodes[i + typeAt!]!]!;
		const name = type.includes('string') || type === 'code' ? '' : strings[nodes[i + nameAt!]!]!.slice(0, 60);
		const key = `${type}:${name}`;
		const entry = out.get(key) ?? { count: 0, size: 0 };
		entry.count += 1;
		entry.size += nodes[i + sizeAt!]!;
		out.set(key, entry);
	}
	return out;
}

const kind = (process.argv[2] ?? 'pathways') as RelayKind;
const dir = mkdtempSync(join(tmpdir(), 'pathways-heap-'));
const server = await startServer(kind, dir);
const dialect = dialectOf(kind);
const sockets: WebSocket[] = [];
try {
	for (let d = 0; d < DOCS; d++)
		sockets.push(await openRaw(syncUrl(server.port, `plan.idle-${d}`), `bench-doc-${d}`, undefined, dialect));
	await sleep(300);
	const before = await server.stats({ heapSnapshot: true });
	for (let i = 0; i < CONNECTIONS; i += 250) {
		const batch = Array.from({ length: 250 }, (_, j) =>
			openRaw(syncUrl(server.port, `plan.idle-${(i + j) % DOCS}`), `bench-${i + j}`, undefined, dialect)
		);
		sockets.push(...(await Promise.all(batch)));
	}
	await sleep(500);
	const after = await server.stats({ heapSnapshot: true });
	const a = summarize(before.heapSnapshot!);
	const b = summarize(after.heapSnapshot!);
	rmSync(before.heapSnapshot!);
	rmSync(after.heapSnapshot!);
	const rows = [...b]
		.map(([key, grown]) => {
			const was = a.get(key) ?? { count: 0, size: 0 };
			return { key, count: grown.count - was.count, size: grown.size - was.size };
		})
		.filter((row) => row.size > 0)
		.sort((x, y) => y.size - x.size);
	const total = rows.reduce((sum, row) => sum + row.size, 0);
	console.log(`${kind}: heap growth ${(total / CONNECTIONS).toFixed(0)} bytes per idle connection`);
	for (const row of rows.slice(0, 30))
		console.log(
			`${(row.size / CONNECTIONS).toFixed(0).padStart(6)} B  ${(row.count / CONNECTIONS).toFixed(2).padStart(6)} each  ${row.key}`
		);
} finally {
	for (const socket of sockets) socket.terminate();
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
}
