/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every text file of the built app (build/),
 * so the server sends them as they are (@fastify/static `preCompressed`) instead of sending every
 * asset uncompressed. `npm run build` runs it after `vite build`. A copy is kept only when it is
 * smaller; images and fonts are compressed already.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|json|svg|webmanifest|txt|xml)$/;

function* textFiles(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* textFiles(path);
		else if (TEXT.test(name)) yield path;
	}
}

export function precompressBuild(dir: string): { files: number; bytes: number; brotliBytes: number } {
	const totals = { files: 0, bytes: 0, brotliBytes: 0 };
	for (const path of textFiles(dir)) {
		const bytes = readFileSync(path);
		const br = brotliCompressSync(bytes, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
				[constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength
			}
		});
		const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
		if (br.byteLength < bytes.byteLength) writeFileSync(`${path}.br`, br);
		if (gz.byteLength < bytes.byteLength) writeFileSync(`${path}.gz`, gz);
		totals.files++;
		totals.bytes += bytes.byteLength;
		totals.brotliBytes += Math.min(br.byteLength, bytes.byteLength);
	}
	return totals;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const dir = process.argv[2] ?? 'build';
	const { files, bytes, brotliBytes } = precompressBuild(dir);
	const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
	console.log(`precompressed ${files} files in ${dir}/: ${kb(bytes)}, ${kb(brotliBytes)} with brotli`);
}
