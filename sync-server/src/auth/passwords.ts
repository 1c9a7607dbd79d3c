/**
 * Password hashing with scrypt from node:crypto (no home-made crypto).
 *
 * Parameters: N = 2^15, r = 8, p = 1, 16-byte random salt, 64-byte key — about 32 MiB of memory
 * and some tens of milliseconds per hash, the OWASP-recommended floor for scrypt. They are stored
 * with each hash (`scrypt$N$r$p$salt$key`), so raising them later leaves old hashes readable.
 * Hashing runs on libuv's thread pool (async scrypt) so the relay keeps serving meanwhile.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
	const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, COST, BLOCK_SIZE, PARALLELISM);
	return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when password matches the stored hash. Constant-time comparison of the derived keys. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	const salt = Buffer.from(parts[4]!, 'base64');
	const expected = Buffer.from(parts[5]!, 'base64');
	if (!(N > 1 && r > 0 && p > 0) || expected.length !== KEY_LENGTH) return false;
	const actual = await derive(password, salt, N, r, p);
	return timingSafeEqual(actual, expected);
}

/** A hash of a random password nobody knows: verifying against it costs the same time as a real
 * check, so "no such user" and "wrong password" cannot be told apart by timing. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
	dummyHash ??= hashPassword(randomBytes(16).toString('base64'));
	return dummyHash;
}
