/**
 * Vitest global setup of the `engines` project: one throwaway PostgreSQL cluster and one Redis for
 * every test file of the project (each file makes its own database in the cluster). A machine
 * without them stops the run at once with one line saying what to install: these tests never skip.
 */
import type { TestProject } from 'vitest/node';
import {
	findPostgresBin,
	hasRedisServer,
	INSTALL_HINT,
	startPostgres,
	startRedis,
	type Service
} from './services';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Superuser URL of the throwaway cluster (database `postgres`). */
		postgresUrl: string;
		redisUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (findPostgresBin() === null || !hasRedisServer()) {
		// One line, no stack: the stack of this file would only hide what to do.
		const error = new Error(INSTALL_HINT);
		error.stack = INSTALL_HINT;
		throw error;
	}
	const started: Service[] = [];
	const stopAll = async () => {
		for (const service of started.reverse()) await service.stop();
	};
	try {
		const postgres = await startPostgres();
		started.push(postgres);
		const redis = await startRedis();
		started.push(redis);
		project.provide('postgresUrl', postgres.url);
		project.provide('redisUrl', redis.url);
	} catch (error) {
		await stopAll();
		throw error;
	}
	return stopAll;
}
