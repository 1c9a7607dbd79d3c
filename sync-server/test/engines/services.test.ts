import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startPostgres, startRedis } from './services';

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

describe('throwaway test services', () => {
	it('the project cluster is PostgreSQL 15 or newer, listening on 127.0.0.1 only', async () => {
		const client = new pg.Client({ connectionString: inject('postgresUrl') });
		await client.connect();
		try {
			const { rows } = await client.query<{ v: string; listen: string }>(
				"SELECT current_setting('server_version_num') AS v, current_setting('listen_addresses') AS listen"
			);
			expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
			expect(rows[0]!.listen).toBe('127.0.0.1');
		} finally {
			await client.end();
		}
	});

	it('the project Redis answers on 127.0.0.1', async () => {
		const redis = new Redis(inject('redisUrl'));
		try {
			expect(await redis.ping()).toBe('PONG');
			expect(await redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
		} finally {
			redis.disconnect();
		}
	});

	it('stop() shuts a cluster down and removes its folder', async () => {
		const postgres = await startPostgres();
		const port = Number(new URL(postgres.url).port);
		const client = new pg.Client({ connectionString: postgres.url });
		await client.connect();
		const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
		await client.end();
		expect(existsSync(rows[0]!.dir)).toBe(true);
		await postgres.stop();
		expect(existsSync(rows[0]!.dir)).toBe(false);
		expect(await accepts(port)).toBe(false);
	});

	it('restart() brings Redis back on the same port; stop() ends it', async () => {
		const redis = await startRedis();
		await redis.restart();
		expect(await accepts(redis.port)).toBe(true);
		await redis.stop();
		expect(await accepts(redis.port)).toBe(false);
	});
});
