import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
	it('has defaults that work out of the box', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({
			host: '127.0.0.1',
			port: 3000,
			dataDir: path.resolve('data'),
			buildDir: path.resolve('build'),
			seedDemo: true,
			seedDemoFramework: true,
			sessionTtlHours: 720,
			maxMessageBytes: 1024 * 1024,
			inviteTtlHours: 72,
			docIdleSeconds: 30,
			trustProxy: false,
			logLevel: 'warn'
		});
		expect(config.signIn).toEqual({
			maxFailures: 5,
			maxFailuresPerAccount: 20,
			maxInviteFailuresPerIp: 50,
			maxConcurrentChecks: 2,
			windowMinutes: 15
		});
		expect(config.imports).toEqual({ maxBytes: 2 * 1024 ** 3, maxFiles: 5000, maxRatio: 100 });
	});

	it('reads the environment', () => {
		const config = loadConfig({
			HOST: '0.0.0.0',
			PORT: '8080',
			DATA_DIR: '/srv/pathways',
			SEED_DEMO: '0',
			SESSION_TTL_HOURS: '12',
			MAX_MESSAGE_BYTES: '2048',
			INVITE_TTL_HOURS: '24',
			DOC_IDLE_SECONDS: '5',
			LOG_LEVEL: 'INFO'
		});
		expect(config).toMatchObject({
			host: '0.0.0.0',
			port: 8080,
			dataDir: '/srv/pathways',
			seedDemo: false,
			sessionTtlHours: 12,
			maxMessageBytes: 2048,
			inviteTtlHours: 24,
			docIdleSeconds: 5,
			logLevel: 'info'
		});
		expect(loadConfig({ SEED_DEMO: 'off' }).seedDemo).toBe(false);
		expect(loadConfig({ SEED_DEMO: '' }).seedDemo).toBe(true);
		expect(loadConfig({ SEED_DEMO_FRAMEWORK: '0' }).seedDemoFramework).toBe(false);
	});

	it('reads DATABASE_URL and REDIS_URL, off by default, without echoing a password', () => {
		expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null });
		expect(
			loadConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/pathways', REDIS_URL: 'redis://cache:6379' })
		).toMatchObject({
			databaseUrl: 'postgres://u:p@db.example:5432/pathways',
			redisUrl: 'redis://cache:6379'
		});
		expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@db/x' })).toThrow(
			/DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//
		);
		expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@db/x' })).not.toThrow(/secret/);
		expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a URL/);
	});

	it('names the variable and the allowed values when one is wrong', () => {
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number from 0 to 65535/);
		expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
		expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO must be 1 or 0/);
		expect(() => loadConfig({ SESSION_TTL_HOURS: '-1' })).toThrow(/SESSION_TTL_HOURS/);
		expect(() => loadConfig({ MAX_MESSAGE_BYTES: '1.5' })).toThrow(/MAX_MESSAGE_BYTES/);
		expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
	});
});
