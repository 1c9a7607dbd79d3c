/**
 * Hand-made hostile .zip archives for the import tests. Built with node:zlib straight into a
 * buffer, so a 1 GiB bomb costs the test about 1 MB of memory, never the gigabyte it claims.
 */
import { crc32, deflateRawSync } from 'node:zlib';

interface Entry {
	name: string;
	/** Raw deflate data (method 8). */
	data: Uint8Array;
	crc: number;
	inflatedSize: number;
}

/** A deflate stream of `inflatedBytes` zero bytes: one 1 MiB block compressed once, repeated. */
function zeros(inflatedBytes: number): Entry & { name: '' } {
	const chunk = Buffer.alloc(1024 * 1024);
	const pieces: Buffer[] = [];
	let crc = 0;
	let left = inflatedBytes;
	// Each piece is a complete, byte-aligned non-final deflate block (Z_FULL_FLUSH), so the
	// pieces can be concatenated; a final empty block ends the stream.
	const block = deflateRawSync(chunk, { level: 9, finishFlush: 3 });
	while (left >= chunk.length) {
		pieces.push(block);
		crc = crc32(chunk, crc);
		left -= chunk.length;
	}
	if (left > 0) {
		pieces.push(deflateRawSync(chunk.subarray(0, left), { level: 9, finishFlush: 3 }));
		crc = crc32(chunk.subarray(0, left), crc);
	}
	pieces.push(deflateRawSync(Buffer.alloc(0)));
	return { name: '', data: Buffer.concat(pieces), crc, inflatedSize: inflatedBytes };
}

function zipOf(entries: Entry[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(entry.crc >>> 0, 14);
		local.writeUInt32LE(entry.data.length, 18);
		local.writeUInt32LE(entry.inflatedSize, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(entry.crc >>> 0, 16);
		central.writeUInt32LE(entry.data.length, 20);
		central.writeUInt32LE(entry.inflatedSize, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, Buffer.from(entry.data));
		centrals.push(central, name);
		offset += local.length + name.length + entry.data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** One entry, `name`, that inflates to `inflatedBytes` zero bytes. */
export function zipBomb(inflatedBytes: number, name = 'yjs/plan.bin'): Uint8Array {
	return zipOf([{ ...zeros(inflatedBytes), name }]);
}

/** `count` tiny entries: too many files for any real plan. */
export function manyEntries(count: number): Uint8Array {
	const one = zeros(1);
	return zipOf(Array.from({ length: count }, (_, i) => ({ ...one, name: `evidence/${i}.bin` })));
}
