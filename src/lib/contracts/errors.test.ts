import { describe, expect, it } from 'vitest';
import { ar } from '../messages/ar';
import { en } from '../messages/en';
import { es } from '../messages/es';
import { ne } from '../messages/ne';
import { API_ERROR_CODES, isApiErrorCode } from './errors';

describe('API error codes', () => {
	it('every code the app words is one the server can send, in every language', () => {
		for (const [language, catalogue] of Object.entries({ en, es, ar, ne })) {
			const unknown = Object.keys(catalogue.errors).filter((code) => !isApiErrorCode(code));
			expect({ language, unknown }).toEqual({ language, unknown: [] });
		}
	});

	it('has each code once', () => {
		expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
		expect(isApiErrorCode('made-up')).toBe(false);
	});
});
