/**
 * Rows of the server's SQLite tables read as records. A store's SQL names the columns (with `AS`
 * where a record's property differs from the column); the row becomes the record by one rule
 * (`display_name` → `displayName`), so no store writes its own field-by-field mapper.
 */
import type { SQLInputValue, StatementSync } from 'node:sqlite';

/** A row as node:sqlite returns it: column name to value (`null` for SQL NULL). */
export type Row = Record<string, unknown>;

const propertyOf = new Map<string, string>();

function camelCase(column: string): string {
	let property = propertyOf.get(column);
	if (property === undefined) {
		property = column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
		propertyOf.set(column, property);
	}
	return property;
}

/**
 * The row's columns as properties of `T`. SQLite has no booleans: the properties named in `flags`
 * are its 0/1 columns, read as `true` for 1.
 */
export function recordOf<T>(row: Row, flags: readonly (keyof T & string)[] = []): T {
	const record: Row = {};
	for (const column in row) record[camelCase(column)] = row[column];
	for (const flag of flags) record[flag] = record[flag] === 1;
	return record as T;
}

/** The first row of a query as a record; undefined when it finds none. */
export function oneRecord<T>(
	statement: StatementSync,
	read: (row: Row) => T,
	...params: SQLInputValue[]
): T | undefined {
	const row = statement.get(...params) as Row | undefined;
	return row === undefined ? undefined : read(row);
}

/** Every row of a query as a record, in the query's order. */
export function allRecords<T>(
	statement: StatementSync,
	read: (row: Row) => T,
	...params: SQLInputValue[]
): T[] {
	return (statement.all(...params) as Row[]).map((row) => read(row));
}
