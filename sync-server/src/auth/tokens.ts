/** Opaque secrets handed to people (session tokens, invite codes) and the hashes we store instead. */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A session token: 32 random bytes, base64url (43 characters). */
export function newSessionToken(): string {
	return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a secret. Tokens and codes are random and long, so a fast hash is enough. */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** No 0/O, 1/I/L, so a code read aloud or copied from paper is typed right. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_GROUPS = 3;
const CODE_GROUP_LENGTH = 4;

/** A family invite code like `K7QP-M2XD-9HRT` (12 symbols ≈ 59 bits, single-use and expiring). */
export function newInviteCode(): string {
	const groups: string[] = [];
	for (let g = 0; g < CODE_GROUPS; g++) {
		let group = '';
		for (let i = 0; i < CODE_GROUP_LENGTH; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
		groups.push(group);
	}
	return groups.join('-');
}

/** The form a code is hashed in: upper case, without spaces or dashes (people type it either way). */
export function normalizeInviteCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '');
}
