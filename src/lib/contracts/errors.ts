/**
 * Every code the API answers a refusal with (`{ error: { code, message } }`, see ErrorBody in
 * api.ts). The server may only throw these (its ApiError takes an ApiErrorCode), and the app words
 * the ones people meet in their own language (`errors` in the catalogues, checked in
 * errors.test.ts). The message beside the code is the server's English, for everyone else.
 */
export const API_ERROR_CODES = [
	'account-inactive',
	'archive-only',
	'archive-too-large',
	'archive-too-new',
	'backup-failed',
	'bad-archive',
	'bad-catch-up-request',
	'bad-request',
	'busy',
	'cannot-deactivate-self',
	'cannot-remove-self',
	'check-first',
	'confirm-only',
	'district-plans-off',
	'empty-reflection',
	'file-too-large',
	'forbidden',
	'has-password',
	'hash-mismatch',
	'invalid-date',
	'invalid-name',
	'invalid-request',
	'invalid-username',
	'invite-expired',
	'invite-not-found',
	'invite-used',
	'missing-details',
	'needs-confirmation',
	'no-such-evidence',
	'not-a-family-account',
	'not-a-school-admin',
	'not-found',
	'not-own-rights-yet',
	'not-signed-in',
	'not-staff',
	'not-staff-of-school',
	'other-student',
	'roster-archive',
	'server-error',
	'set-by-district',
	'too-large',
	'too-many-attempts',
	'too-much-data',
	'type-not-accepted',
	'username-taken',
	'voice-link-closed',
	'voice-link-expired',
	'voice-link-revoked',
	'voice-link-unknown',
	'voice-link-used',
	'weak-password',
	'wrong-offset',
	'wrong-username-or-password',
	'year-closed'
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const isApiErrorCode = (value: unknown): value is ApiErrorCode =>
	typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
