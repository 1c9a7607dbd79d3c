/**
 * The JavaScript each route needs on a first visit, gzipped, and the chunks loaded later, read
 * from the build: SvelteKit's route table (which page and layout files a route uses) and Vite's
 * manifest (which chunks each file imports, statically or lazily with `import()`).
 *
 * First load of a route = the entry (start + app), the root layout and error page (SvelteKit loads
 * both at start), the route's page, and every chunk they import statically. Lazily loaded =
 * everything their `import()`s reach that is not already in that first load.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { printTable } from './report';
import { startServer } from './time-to-editable';

const OUTPUT = '.svelte-kit/output/client';
const MANIFEST = join(OUTPUT, '.vite/manifest.json');
/** Written by scripts/chunk-modules.ts: each chunk's modules and the bytes each adds to it. */
const MODULES = join(OUTPUT, '.vite/modules.json');
const APP = '.svelte-kit/generated/client-optimized/app.js';
const NODE = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;
const TARGET_KB = 120;

interface Chunk {
	file: string;
	src?: string;
	name?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
}

const BENCH_ORIGIN = `http://127.0.0.1:${Number(process.env.BENCH_PORT ?? 4431)}`;

/** Bytes of one response as they cross the wire (status line and headers included). */
function wireBytes(route: string, acceptEncoding: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = httpGet(
			BENCH_ORIGIN + route,
			{ headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
			(response) => {
				let bytes = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length;
				for (let i = 0; i < response.rawHeaders.length; i += 2)
					bytes += `${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`.length;
				if (response.statusCode !== 200) reject(new Error(`${route} answered ${response.statusCode}`));
				response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
				response.on('end', () => resolve(bytes + 2));
			}
		);
		request.on('error', reject);
	});
}

/** Route → the page and layout nodes it loads, from SvelteKit's generated client route table. */
function routeNodes(): Map<string, number[]> {
	const source = readFileSync(APP, 'utf8');
	const table = source.slice(source.indexOf('export const dictionary'));
	const routes = new Map<string, number[]>();
	for (const match of table.matchAll(/"([^"]+)":\s*\[([^\]]*)\]/g)) {
		// Negative numbers are layouts without a load function (~n); the page is the last one.
		const nodes = (match[2] ?? '')
			.split(',')
			.map((n) => n.trim())
			.filter(Boolean)
			.map((n) => Math.abs(Number(n.replace('~', '-'))));
		routes.set(match[1] as string, nodes);
	}
	return routes;
}

export async function runFirstLoadBench(): Promise<void> {
	if (!existsSync(MANIFEST) || !existsSync(APP)) throw new Error('No build yet: run `npm run build` first.');
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
	const sizes = new Map<string, { raw: number; gzipped: number }>();
	const sizeOf = (file: string) => {
		let size = sizes.get(file);
		if (!size) {
			const bytes = readFileSync(join(OUTPUT, file));
			size = { raw: bytes.byteLength, gzipped: gzipSync(bytes).byteLength };
			sizes.set(file, size);
		}
		return size;
	};
	const staticClosure = (keys: string[], into = new Set<string>()) => {
		const visit = (key: string) => {
			if (into.has(key)) return;
			const chunk = manifest[key];
			if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
			into.add(key);
			for (const imported of chunk.imports ?? []) visit(imported);
		};
		keys.forEach(visit);
		return into;
	};
	const sum = (keys: Iterable<string>) => {
		let raw = 0;
		let gzipped = 0;
		let files = 0;
		for (const key of keys) {
			const chunk = manifest[key] as Chunk;
			if (!chunk.file.endsWith('.js')) continue;
			const size = sizeOf(chunk.file);
			raw += size.raw;
			gzipped += size.gzipped;
			files += 1;
		}
		return { raw, gzipped, files };
	};
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	const lazyName = (key: string) =>
		(key.startsWith('_') ? (manifest[key]?.name ?? key) : key)
			.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1')
			.replace(/^src\/lib\//, '')
			.replace(/\.(svelte|ts|js)$/, '');

	const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry && !key.includes('/nodes/'));
	const shell = [...entries, NODE(0), NODE(1)];
	const rows: Array<[string, string]> = [];
	const dependencyRows: Array<[string, string]> = [];
	const modules = existsSync(MODULES)
		? (JSON.parse(readFileSync(MODULES, 'utf8')) as Record<string, Record<string, number>>)
		: null;
	/** A chunk's gzipped size shared out over its modules by their size: an estimate per dependency. */
	const dependencyCosts = (keys: Iterable<string>) => {
		const costs = new Map<string, number>();
		for (const key of keys) {
			const file = (manifest[key] as Chunk).file;
			const inChunk = modules?.[file];
			if (!file.endsWith('.js') || !inChunk) continue;
			const total = Object.values(inChunk).reduce((a, b) => a + b, 0) || 1;
			for (const [id, bytes] of Object.entries(inChunk)) {
				const name = id.includes('node_modules/')
					? id.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1')
					: id.includes('/src/')
						? 'our code (src/)'
						: 'SvelteKit generated';
				costs.set(name, (costs.get(name) ?? 0) + (sizeOf(file).gzipped * bytes) / total);
			}
		}
		return [...costs].sort((a, b) => b[1] - a[1]);
	};
	/** Per route, the files a first visit fetches: the page, its scripts and their styles. */
	const firstVisits = new Map<string, string[]>();
	const lazyRows = new Map<string, { loadedBefore: Set<string>[]; routes: string[] }>();
	for (const [route, nodes] of routeNodes()) {
		const first = staticClosure([...shell, ...nodes.map(NODE)]);
		const total = sum(first);
		// Everything reachable through import() from the first load (and from what that loads).
		const lazy = new Set<string>();
		const lazyEntries: string[] = [];
		const queue = [...first];
		while (queue.length > 0) {
			const key = queue.pop() as string;
			for (const dynamic of manifest[key]?.dynamicImports ?? []) {
				if (dynamic.includes('/nodes/') || dynamic.includes('error-template') || first.has(dynamic)) continue;
				if (lazy.has(dynamic)) continue;
				lazyEntries.push(dynamic);
				for (const reached of staticClosure([dynamic])) {
					if (first.has(reached) || lazy.has(reached)) continue;
					lazy.add(reached);
					queue.push(reached);
				}
			}
		}
		const later = sum(lazy);
		const css = new Set([...first].flatMap((key) => manifest[key]?.css ?? []));
		firstVisits.set(route, [
			'/',
			...[...first].map((key) => `/${manifest[key]?.file}`).filter((file) => file.endsWith('.js')),
			...[...css].map((file) => `/${file}`)
		]);
		const mark = total.gzipped / 1024 <= TARGET_KB ? '' : '  (over target)';
		rows.push([
			route,
			`${kb(total.gzipped).padStart(9)} gzipped (${kb(total.raw)} raw, ${total.files} files)${mark}` +
				(later.files ? ` · later ${kb(later.gzipped)} in ${later.files} files` : '')
		]);
		if (modules)
			dependencyRows.push([
				route,
				dependencyCosts(first)
					.slice(0, 7)
					.map(([name, bytes]) => `${name} ${kb(bytes)}`)
					.join(' · ')
			]);
		for (const key of lazyEntries) {
			const entry = lazyRows.get(key) ?? { loadedBefore: [], routes: [] };
			entry.routes.push(route);
			entry.loadedBefore.push(first);
			lazyRows.set(key, entry);
		}
	}
	printTable(
		`First-load JavaScript per route, gzipped (target ≤ ${TARGET_KB} KB), from the build manifest`,
		rows
	);
	if (dependencyRows.length > 0)
		printTable(
			'What the first load of each route is made of, gzipped (each chunk shared out by its modules’ sizes)',
			dependencyRows
		);
	printTable(
		'Lazily loaded JavaScript (import() after the first load), gzipped, with the chunks it adds',
		[...lazyRows]
			.map(([key, { loadedBefore, routes }]) => {
				// What it adds: its chunks that not every route using it has already loaded.
				const own = [...staticClosure([key])].filter((k) => !loadedBefore.every((first) => first.has(k)));
				return [key, { size: sum(own), routes }] as const;
			})
			.sort((a, b) => b[1].size.gzipped - a[1].size.gzipped)
			.map(([key, { size, routes }]) => [
				lazyName(key),
				`${kb(size.gzipped).padStart(9)} (${kb(size.raw)} raw, ${size.files} files) · ${routes.length === 1 ? routes[0] : `${routes.length} routes`}`
			])
	);
	await printWireBytes(firstVisits);
}

/** What a first visit of each route downloads from the real server, by the encodings it accepts. */
async function printWireBytes(firstVisits: Map<string, string[]>): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'pathways-bench-first-load-'));
	const stopServer = await startServer(dir);
	try {
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
		const rows: Array<[string, string]> = [];
		for (const [route, files] of firstVisits) {
			const total = async (encoding: string) => {
				let bytes = 0;
				for (const file of files) bytes += await wireBytes(file, encoding);
				return bytes;
			};
			const [br, gzip, identity] = [await total('gzip, deflate, br'), await total('gzip'), await total('')];
			rows.push([
				route,
				`${kb(br).padStart(9)} with brotli · ${kb(gzip)} gzip only · ${kb(identity)} uncompressed (${files.length} files)`
			]);
		}
		printTable(
			'Bytes on the wire on a first visit (the page, its scripts and styles, headers included), from the real server',
			rows
		);
	} finally {
		await stopServer();
		rmSync(dir, { recursive: true, force: true });
	}
}
