/**
 * Reading a OneRoster .zip: limits are checked on the zip's directory before anything is
 * unpacked, so a zip bomb is refused without being inflated.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { ARCHIVE_LIMITS, readArchive } from '../src/roster/export-archive';

const isCsv = (name: string) => name.endsWith('.csv');

function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof ApiError) return `${error.code}: ${error.message}`;
		throw error;
	}
	throw new Error('not refused');
}

describe('a OneRoster .zip', () => {
	it('gives the wanted files as text, from any folder, and lists the others without unpacking them', () => {
		const zip = zipSync({
			'export/users.csv': strToU8('sourcedId\nu-1\n'),
			'export/orgs.csv': [strToU8('sourcedId\no-1\n'), { level: 0 }],
			'export/results.dat': new Uint8Array([1, 2, 3]),
			'__MACOSX/export/._users.csv': new Uint8Array([0])
		});
		const { texts, others } = readArchive(zip, isCsv);
		expect(Object.fromEntries(texts)).toEqual({
			'users.csv': 'sourcedId\nu-1\n',
			'orgs.csv': 'sourcedId\no-1\n'
		});
		expect(others).toEqual(['results.dat']);
	});

	it('refuses a zip bomb from its directory alone: damaged packed data is never reached', () => {
		// 64 MB of zeros packs to about 64 KB: a ratio of about 1000, which no CSV has.
		const zip = zipSync({ 'users.csv': new Uint8Array(64 * 1024 * 1024) });
		expect(refusal(() => readArchive(zip, isCsv))).toMatch(
			/^roster-archive: .*users\.csv unpacks \d+ times larger than it is packed/
		);
		// Scramble the packed bytes: had they been inflated, the answer would be "damaged".
		const scrambled = zip.slice();
		for (let i = 100; i < 20_000; i++) scrambled[i] = 0xff;
		expect(refusal(() => readArchive(scrambled, isCsv))).toMatch(/unpacks \d+ times larger/);
	});

	it('refuses too many files, a file too large and too much in all, and what is not a zip', () => {
		const many = zipSync(
			Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}.csv`, strToU8('x')]))
		);
		expect(refusal(() => readArchive(many, isCsv))).toMatch(/holds 201 files, more than 200/);
		const files = zipSync({ 'users.csv': strToU8('a'.repeat(5000)), 'orgs.csv': strToU8('b'.repeat(5000)) });
		const limits = { ...ARCHIVE_LIMITS, maxEntryBytes: 4000 };
		expect(refusal(() => readArchive(files, isCsv, limits))).toMatch(
			/users\.csv unpacks to 5 KB, more than 4 KB/
		);
		const total = { ...ARCHIVE_LIMITS, maxTotalBytes: 8000 };
		expect(refusal(() => readArchive(files, isCsv, total))).toMatch(/its files unpack to/);
		expect(refusal(() => readArchive(strToU8('not a zip at all'), isCsv))).toMatch(
			/not a readable \.zip file/
		);
	});
});
