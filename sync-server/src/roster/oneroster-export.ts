/**
 * A whole OneRoster CSV export (its .zip, or all its files) → the files Pathways reads, the version
 * (1.1 or 1.2) and whether each file is `bulk` or `delta`, as manifest.csv says. Every file
 * received is listed in the report: used, a OneRoster file Pathways has no use for, or unknown.
 */
import {
	ONEROSTER_SPEC_FILES,
	ONEROSTER_USED_FILES,
	type OneRosterVersion,
	type RosterFileMode,
	type RosterFileUse
} from '../../../src/lib/contracts/roster-report';
import { readCsv } from './csv-table';
import { readArchive } from './export-archive';
import { rowProblem } from './row-reason';
import type { RowProblem } from './roster-types';

export interface OneRosterExport {
	/** Lower-case file name → text, for the files Pathways reads. */
	files: Partial<Record<string, string>>;
	version: OneRosterVersion;
	/** Lower-case file name → mode (bulk unless the manifest says delta). */
	modes: Map<string, RosterFileMode>;
	uses: RosterFileUse[];
	problems: RowProblem[];
}

const MANIFEST = 'manifest.csv';
const SPEC_NAME = new Map<string, string>(ONEROSTER_SPEC_FILES.map((name) => [name.toLowerCase(), name]));
const USED = new Set(ONEROSTER_USED_FILES.map((name) => name.toLowerCase()));

/** The export from the request: the .zip (base64) when there is one, else the files as sent. */
export function readExport(input: { files: Record<string, string>; archive?: string }): OneRosterExport {
	const texts = new Map<string, string>();
	const others: string[] = [];
	if (input.archive !== undefined) {
		const archive = readArchive(Buffer.from(input.archive, 'base64'), (name) => USED.has(name.toLowerCase()));
		for (const [name, text] of archive.texts) texts.set(name.toLowerCase(), text);
		others.push(...archive.others);
	} else {
		for (const [name, text] of Object.entries(input.files)) {
			if (USED.has(name.toLowerCase())) texts.set(name.toLowerCase(), text);
			else others.push(name);
		}
	}
	return planExport(texts, others);
}

function planExport(texts: Map<string, string>, others: string[]): OneRosterExport {
	const problems: RowProblem[] = [];
	const manifestText = texts.get(MANIFEST);
	const manifest = manifestText === undefined ? undefined : readManifest(manifestText, problems);
	const version = manifest?.version ?? guessVersion(texts);
	const modes = new Map<string, RosterFileMode>();
	const uses: RosterFileUse[] = [];
	const used = [...texts.keys()].filter((name) => name !== MANIFEST);
	if (manifestText !== undefined) uses.push({ name: 'manifest.csv', use: 'used' });
	for (const name of used) {
		const listed = manifest?.files.get(name);
		if (manifest && (listed === undefined || listed === 'absent')) {
			problems.push(
				rowProblem(name, 0, { code: listed === 'absent' ? 'manifest-says-absent' : 'manifest-does-not-list' })
			);
			continue;
		}
		const mode = listed === 'delta' ? 'delta' : 'bulk';
		modes.set(name, mode);
		uses.push({
			name: SPEC_NAME.get(name) ?? name,
			use: isReadIn(name, version) ? 'used' : 'not-used',
			mode
		});
	}
	for (const [name, mode] of manifest?.files ?? []) {
		if (mode !== 'absent' && USED.has(name) && !texts.has(name)) {
			problems.push(rowProblem(name, 0, { code: 'manifest-file-missing', mode }));
		}
	}
	for (const name of others) {
		const specName = SPEC_NAME.get(name.toLowerCase());
		uses.push({ name: specName ?? name, use: specName ? 'not-used' : 'unknown' });
	}
	const files: Partial<Record<string, string>> = {};
	for (const name of modes.keys()) if (isReadIn(name, version)) files[name] = texts.get(name);
	return { files, version, modes, uses, problems };
}

/** roles.csv and userProfiles.csv are 1.2 files: in a 1.1 export they are acknowledged, not read. */
const isReadIn = (name: string, version: OneRosterVersion) =>
	version === '1.2' || (name !== 'roles.csv' && name !== 'userprofiles.csv');

/** Without a manifest: 1.2 when roles.csv came, or users.csv has no `role` column (1.2 moved it to roles.csv). */
function guessVersion(texts: Map<string, string>): OneRosterVersion {
	if (texts.has('roles.csv')) return '1.2';
	const header = (texts.get('users.csv') ?? '').replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
	const columns = header.split(',').map((column) => column.trim().toLowerCase());
	return header && !columns.includes('role') ? '1.2' : '1.1';
}

interface Manifest {
	version?: OneRosterVersion;
	/** Lower-case file name → what the manifest says of it. */
	files: Map<string, RosterFileMode | 'absent'>;
}

/** manifest.csv: `propertyName,value` rows — `oneroster.version`, and `file.<name>` = bulk, delta or absent. */
function readManifest(text: string, problems: RowProblem[]): Manifest {
	const manifest: Manifest = { files: new Map() };
	const { table, problems: unreadable } = readCsv(MANIFEST, text, ['propertyName', 'value']);
	problems.push(...unreadable);
	for (const row of table.rows) {
		const property = row.get('propertyName');
		const value = row.get('value').toLowerCase();
		if (property.toLowerCase() === 'oneroster.version') {
			if (value === '1.1' || value === '1.2') manifest.version = value;
			else
				problems.push(rowProblem(MANIFEST, row.line, { code: 'manifest-version', value: row.get('value') }));
		} else if (property.toLowerCase().startsWith('file.')) {
			const name = `${property.slice('file.'.length).toLowerCase()}.csv`;
			if (value === 'bulk' || value === 'delta' || value === 'absent') manifest.files.set(name, value);
			else
				problems.push(
					rowProblem(MANIFEST, row.line, { code: 'manifest-mode', property, value: row.get('value') })
				);
		}
	}
	return manifest;
}
