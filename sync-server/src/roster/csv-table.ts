/**
 * Reads one CSV file into rows keyed by column name, each with its line number, using csv-parse
 * (see docs/decisions/0020-csv-parse.md). Column names match without regard to case or spaces,
 * so `givenName`, `GivenName` and ` givenname ` are the same column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { RowProblem } from './roster-types';
import { rowProblem } from './row-reason';

export interface CsvRow {
	line: number;
	get(column: string): string;
}

export interface CsvTable {
	file: string;
	rows: CsvRow[];
}

const key = (column: string) => column.trim().toLowerCase();

/**
 * The table, or problems when the file cannot be read at all or lacks a required column (every
 * such problem is reported on line 1, the header, so the admin sees all missing columns at once).
 */
export function readCsv(
	file: string,
	text: string,
	required: readonly string[]
): { table: CsvTable; problems: RowProblem[] } {
	const empty = { table: { file, rows: [] }, problems: [] as RowProblem[] };
	let records: { record: string[]; info: { lines: number } }[];
	try {
		// Every line ending ends a row, whatever the first line used: exports stitched together from
		// several tools mix them, and a lone "\n" in a "\r\n" file must not swallow the next row.
		// One kind of line break also keeps csv-parse's line count right (it counts a quoted "\r\n" twice).
		records = parse(text.replace(/\r\n?/g, '\n'), {
			bom: true,
			info: true,
			trim: true,
			skip_empty_lines: true,
			relax_column_count: true,
			record_delimiter: '\n'
		}) as unknown as { record: string[]; info: { lines: number } }[];
	} catch (error) {
		const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? 1) : 1;
		const detail = (error as Error).message;
		return { ...empty, problems: [rowProblem(file, line, { code: 'csv-unreadable', detail })] };
	}
	const header = records[0]?.record.map(key);
	if (!header) return { ...empty, problems: [rowProblem(file, 1, { code: 'file-empty' })] };
	const missing = required.filter((column) => !header.includes(key(column)));
	if (missing.length > 0) {
		return { ...empty, problems: [rowProblem(file, 1, { code: 'columns-missing', columns: [...missing] })] };
	}
	const index = new Map(header.map((name, i) => [name, i]));
	const rows = records.slice(1).map(({ record, info }) => ({
		line: startLine(record, info.lines),
		get(column: string) {
			const i = index.get(key(column));
			return i === undefined ? '' : (record[i] ?? '');
		}
	}));
	return { table: { file, rows }, problems: [] };
}

/**
 * The line a row starts on: csv-parse counts to the row's end, and a quoted field may hold line
 * breaks, so those are counted back (the admin looks for the row where it begins).
 */
function startLine(record: string[], endLine: number): number {
	const breaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
	return endLine - breaks;
}

/** A comma-separated list inside one field (OneRoster `orgSourcedIds`, `agentSourcedIds`, `grades`). */
export function listField(value: string): string[] {
	return value
		.split(/[,;]/)
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}
