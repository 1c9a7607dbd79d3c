/**
 * The server's configuration, read once from the environment. Every setting has a default that
 * works out of the box on a laptop (`npm start`); a real deployment changes a few of them
 * (see sync-server/README.md for the full list).
 */
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, FILE_CATEGORIES, type FileCategory } from '../../src/lib/plp/file-types';

/** See src/auth/sign-in-guard.ts: nothing is limited per address alone (a school shares one). */
export interface SignInLimits {
	/** Failed sign-ins per username and address, or per trusted device, in the window (SIGNIN_MAX_FAILURES). Default 5. */
	maxFailures: number;
	/** Failed sign-ins per username from all devices it does not trust (SIGNIN_MAX_FAILURES_PER_ACCOUNT). Default 20. */
	maxFailuresPerAccount: number;
	/** Unknown invite codes per address in the window (INVITE_MAX_FAILURES_PER_IP); blocks only invite redemption. Default 50. */
	maxInviteFailuresPerIp: number;
	/** Password hashes computed at once (SIGNIN_MAX_CONCURRENT_CHECKS). Default 2. */
	maxConcurrentChecks: number;
	windowMinutes: number;
}

export interface ServerConfig {
	/** Interface to listen on. Default 127.0.0.1 (only this machine); use 0.0.0.0 to serve a network. */
	host: string;
	/** TCP port. Default 3000; 0 picks a free port (tests). */
	port: number;
	/** Folder holding pathways.db (created on first start). Default ./data. */
	dataDir: string;
	/** Folder of the built app (`npm run build` writes it). Default ./build. */
	buildDir: string;
	/** Seed the fictional demo school into an empty database. Default on; SEED_DEMO=0 turns it off. */
	seedDemo: boolean;
	/**
	 * Give the demo school its small fictional proficiency framework and progress checks on it.
	 * Default on; SEED_DEMO_FRAMEWORK=0 seeds the demo school without any (tests of a school that has none).
	 */
	seedDemoFramework: boolean;
	/** How long a sign-in lasts. Default 720 hours (30 days): the app works offline on a stored session. */
	sessionTtlHours: number;
	/** Largest WebSocket message the relay accepts. Default 1 MiB. */
	maxMessageBytes: number;
	/** How long a family invite code stays valid. Default 72 hours. */
	inviteTtlHours: number;
	/** A document with no connection for this long is unloaded from memory. Default 30 seconds. */
	docIdleSeconds: number;
	signIn: SignInLimits;
	/** Trust X-Forwarded-For from a reverse proxy in front (TRUST_PROXY=1), so throttling sees real addresses. Default off. */
	trustProxy: boolean;
	/** Server log level: fatal, error, warn, info, debug or silent. Default warn. Requests are not logged (URLs can carry tokens). */
	logLevel: LogLevel;
	/** Evidence files (see src/blobs/). */
	blobs: BlobLimits;
	/** Daily backups (see src/backup/). */
	backup: BackupSettings;
	/** Plan archives brought in by import or restore (see src/export/archive-reader.ts). */
	imports: ImportLimits;
	/**
	 * A roster import that turns off more than this share of a school's students needs the admin's
	 * explicit confirmation (ROSTER_MAX_STUDENTS_OFF_PERCENT). Default 10 %.
	 */
	rosterMaxStudentsOffShare: number;
	/**
	 * How long a student turned off by the roster (a graduate, a leaver) may still sign in to read
	 * and download their plan, when their district sets no period (LEAVER_ACCESS_DAYS). Default 730 (2 years).
	 */
	leaverAccessDays: number;
	/** How long a one-time link for a mentor or employer stays valid (VOICE_LINK_TTL_HOURS). Default 168 (7 days). */
	voiceLinkTtlHours: number;
	/**
	 * PostgreSQL for the relay's plan documents (DATABASE_URL, postgres://…), so several relay
	 * processes share them. Unset (the default): documents stay in the SQLite file. Accounts and the
	 * rest stay in SQLite either way (see storage/README.md).
	 */
	databaseUrl: string | null;
	/** Redis linking several relay processes (REDIS_URL, redis://…): updates, presence, revocations. Unset: one process. */
	redisUrl: string | null;
	/** Start of the Redis channel names (REDIS_CHANNEL_PREFIX), so several deployments can share one Redis. Default `pathways:`. */
	redisChannelPrefix: string;
}

export interface ImportLimits {
	/** Largest archive, as sent (IMPORT_MAX_BYTES). Default 2 GiB: read as a stream to disk, so it costs no memory. */
	maxBytes: number;
	/** Most files in one archive (IMPORT_MAX_FILES). Default 5000. */
	maxFiles: number;
	/** Inflated bytes per archive byte above which an archive is refused as a zip bomb (IMPORT_MAX_RATIO). Default 100. */
	maxRatio: number;
}

export interface BlobLimits {
	/** Largest evidence file. Default 512 MiB (BLOB_MAX_BYTES). */
	maxBytes: number;
	/** Largest upload chunk. Default 8 MiB (BLOB_CHUNK_MAX_BYTES). */
	maxChunkBytes: number;
	/** Kinds of files accepted, checked by content (BLOB_TYPES, comma-separated). Default all. */
	acceptedCategories: FileCategory[];
}

export interface BackupSettings {
	/** Back up every day (BACKUP_ENABLED). Default on. */
	isEnabled: boolean;
	/** Time of the daily backup, HH:MM in UTC (BACKUP_TIME). Default 02:30. */
	timeUtc: string;
	/** Backups kept; older ones are deleted (BACKUP_KEEP). Default 14. */
	keep: number;
	/** Folder of the backups (BACKUP_DIR). Default ./backups. */
	dir: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
	override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads the configuration from an environment (process.env by default). Throws ConfigError on a bad value. */
export function loadConfig(env: Env = process.env): ServerConfig {
	return {
		host: readString(env, 'HOST', '127.0.0.1'),
		port: readInteger(env, 'PORT', 3000, 0, 65535),
		dataDir: path.resolve(readString(env, 'DATA_DIR', './data')),
		buildDir: path.resolve(readString(env, 'BUILD_DIR', './build')),
		seedDemo: readBoolean(env, 'SEED_DEMO', true),
		seedDemoFramework: readBoolean(env, 'SEED_DEMO_FRAMEWORK', true),
		sessionTtlHours: readNumber(env, 'SESSION_TTL_HOURS', 720, 0.001, 24 * 366),
		maxMessageBytes: readInteger(env, 'MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
		inviteTtlHours: readNumber(env, 'INVITE_TTL_HOURS', 72, 0.001, 24 * 90),
		docIdleSeconds: readNumber(env, 'DOC_IDLE_SECONDS', 30, 1, 24 * 3600),
		signIn: {
			maxFailures: readInteger(env, 'SIGNIN_MAX_FAILURES', 5, 1, 1000),
			maxFailuresPerAccount: readInteger(env, 'SIGNIN_MAX_FAILURES_PER_ACCOUNT', 20, 1, 100000),
			maxInviteFailuresPerIp: readInteger(env, 'INVITE_MAX_FAILURES_PER_IP', 50, 1, 100000),
			maxConcurrentChecks: readInteger(env, 'SIGNIN_MAX_CONCURRENT_CHECKS', 2, 1, 64),
			windowMinutes: readNumber(env, 'SIGNIN_WINDOW_MINUTES', 15, 0.1, 24 * 60)
		},
		trustProxy: readBoolean(env, 'TRUST_PROXY', false),
		logLevel: readChoice(env, 'LOG_LEVEL', 'warn', LOG_LEVELS),
		blobs: {
			maxBytes: readInteger(env, 'BLOB_MAX_BYTES', DEFAULT_MAX_FILE_BYTES, 1024, 16 * 1024 ** 3),
			maxChunkBytes: readInteger(env, 'BLOB_CHUNK_MAX_BYTES', 8 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024),
			acceptedCategories: readList(env, 'BLOB_TYPES', FILE_CATEGORIES)
		},
		backup: {
			isEnabled: readBoolean(env, 'BACKUP_ENABLED', true),
			timeUtc: readTime(env, 'BACKUP_TIME', '02:30'),
			keep: readInteger(env, 'BACKUP_KEEP', 14, 1, 3650),
			dir: path.resolve(readString(env, 'BACKUP_DIR', './backups'))
		},
		imports: {
			maxBytes: readInteger(env, 'IMPORT_MAX_BYTES', 2 * 1024 ** 3, 1024 * 1024, 64 * 1024 ** 3),
			maxFiles: readInteger(env, 'IMPORT_MAX_FILES', 5000, 10, 1_000_000),
			maxRatio: readNumber(env, 'IMPORT_MAX_RATIO', 100, 2, 10_000)
		},
		rosterMaxStudentsOffShare: readNumber(env, 'ROSTER_MAX_STUDENTS_OFF_PERCENT', 10, 0, 100) / 100,
		leaverAccessDays: readInteger(env, 'LEAVER_ACCESS_DAYS', 730, 0, 3660),
		voiceLinkTtlHours: readNumber(env, 'VOICE_LINK_TTL_HOURS', 168, 0.001, 24 * 90),
		databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
		redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
		redisChannelPrefix: readString(env, 'REDIS_CHANNEL_PREFIX', 'pathways:')
	};
}

/** A configuration for tests and embedding: the defaults with some values replaced. */
export function configWith(overrides: Partial<ServerConfig>): ServerConfig {
	return { ...loadConfig({}), ...overrides };
}

function present(env: Env, name: string): string | undefined {
	const raw = env[name]?.trim();
	return raw === undefined || raw === '' ? undefined : raw;
}

function readString(env: Env, name: string, fallback: string): string {
	return present(env, name) ?? fallback;
}

function readNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = present(env, name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new ConfigError(
			`${name} must be a number from ${min} to ${max}, but it is ${JSON.stringify(raw)}.`
		);
	}
	return value;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = present(env, name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || value < min || value > max) {
		throw new ConfigError(
			`${name} must be a whole number from ${min} to ${max}, but it is ${JSON.stringify(raw)}.`
		);
	}
	return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
	const raw = present(env, name)?.toLowerCase();
	if (raw === undefined) return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	throw new ConfigError(`${name} must be 1 or 0 (on or off), but it is ${JSON.stringify(raw)}.`);
}

function readChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
	const raw = present(env, name)?.toLowerCase();
	if (raw === undefined) return fallback;
	if ((choices as readonly string[]).includes(raw)) return raw as T;
	throw new ConfigError(`${name} must be one of ${choices.join(', ')}, but it is ${JSON.stringify(raw)}.`);
}

function readList<T extends string>(env: Env, name: string, choices: readonly T[]): T[] {
	const raw = present(env, name)?.toLowerCase();
	if (raw === undefined) return [...choices];
	const items = raw.split(',').map((item) => item.trim());
	const bad = items.filter((item) => !(choices as readonly string[]).includes(item));
	if (bad.length > 0 || items.length === 0) {
		throw new ConfigError(
			`${name} must be a list of ${choices.join(', ')}, but it is ${JSON.stringify(raw)}.`
		);
	}
	return items as T[];
}

function readTime(env: Env, name: string, fallback: string): string {
	const raw = present(env, name);
	if (raw === undefined) return fallback;
	if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) {
		throw new ConfigError(`${name} must be a time HH:MM (24 hours, UTC), but it is ${JSON.stringify(raw)}.`);
	}
	return raw;
}

function readUrl(env: Env, name: string, protocols: readonly string[]): string | null {
	const raw = present(env, name);
	if (raw === undefined) return null;
	let protocol: string | undefined;
	try {
		protocol = new URL(raw).protocol;
	} catch {
		protocol = undefined;
	}
	if (protocol === undefined || !protocols.includes(protocol)) {
		// Never the value itself: it may hold a password.
		throw new ConfigError(
			`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}.`
		);
	}
	return raw;
}
