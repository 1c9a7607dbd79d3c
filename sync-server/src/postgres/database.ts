/**
 * The PostgreSQL engine's connection pool (`pg`) and its migrations. Several server processes may
 * start at once on one database: an advisory lock lets exactly one of them migrate at a time.
 */
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations';

export type PostgresPool = pg.Pool;

/** First key of the advisory locks on documents (two-key form), so they never meet another app's. */
export const LOCK_SPACE = 0x50415448; // "PATH"
/** The one lock a migrating process holds, in a space of its own. */
const MIGRATION_LOCK = [LOCK_SPACE + 1, 0];

export interface PostgresOptions {
	/** Most connections the pool opens. Default 10. */
	max?: number;
	/** An idle connection failed (the server restarted, the network dropped); the pool replaces it. */
	onIdleError?: (error: Error) => void;
}

/** Opens a pool on `connectionString` and brings the schema up to date; the caller ends the pool. */
export async function openPostgres(
	connectionString: string,
	options: PostgresOptions = {}
): Promise<PostgresPool> {
	const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
	// Without a listener, an idle connection's error would crash the process.
	pool.on(
		'error',
		options.onIdleError ?? ((error) => console.error(`PostgreSQL connection lost: ${error.message}`))
	);
	try {
		await migratePostgres(pool);
	} catch (cause) {
		await pool.end();
		throw new Error(
			`Cannot open the PostgreSQL database ${describe(connectionString)}: ${(cause as Error).message}`,
			{
				cause
			}
		);
	}
	return pool;
}

/** Applies every migration newer than `schema_version`, each in its own transaction. */
export async function migratePostgres(
	pool: PostgresPool,
	migrations: readonly string[] = POSTGRES_MIGRATIONS
): Promise<void> {
	const client = await pool.connect();
	let unlockError: Error | undefined;
	try {
		await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATION_LOCK);
		try {
			await client.query(`
				CREATE TABLE IF NOT EXISTS schema_version (
					is_the_row boolean PRIMARY KEY DEFAULT true CHECK (is_the_row),
					version integer NOT NULL
				);
				INSERT INTO schema_version (version) VALUES (0) ON CONFLICT DO NOTHING;
			`);
			const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
			const current = rows[0]!.version;
			if (current > migrations.length) {
				throw new Error(
					`The database was written by a newer version of Pathways (schema ${current}, this version knows ${migrations.length}). Update Pathways.`
				);
			}
			for (let version = current + 1; version <= migrations.length; version++) {
				await client.query('BEGIN');
				try {
					await client.query(migrations[version - 1]!);
					await client.query('UPDATE schema_version SET version = $1', [version]);
					await client.query('COMMIT');
				} catch (error) {
					await client.query('ROLLBACK');
					throw new Error(`migration ${version} failed: ${(error as Error).message}`, { cause: error });
				}
			}
		} finally {
			// A failed unlock must not hide why the migration failed. The pool then closes that
			// connection (release with an error), and closing the session drops its lock.
			await client
				.query('SELECT pg_advisory_unlock($1, $2)', MIGRATION_LOCK)
				.catch((error: Error) => (unlockError = error));
		}
	} finally {
		client.release(unlockError);
	}
}

/** Runs `work` in one transaction on one connection of the pool: COMMIT when it resolves, ROLLBACK when it throws. */
export async function withTransaction<T>(
	pool: PostgresPool,
	work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let releaseError: Error | undefined;
	try {
		await client.query('BEGIN');
		try {
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch((rollbackError: Error) => (releaseError = rollbackError));
			throw error;
		}
	} finally {
		// A connection that could not even roll back is broken: the pool drops it.
		client.release(releaseError);
	}
}

/** Host, port and database of a URL, never its user or password (which must not reach a log). */
function describe(connectionString: string): string {
	try {
		const url = new URL(connectionString);
		return `${url.hostname}:${url.port || 5432}${url.pathname}`;
	} catch {
		return '(unreadable URL)';
	}
}
