import { describe, expect, it } from 'vitest';
import { recordName } from './record-name';

describe('recordName', () => {
	it('uses the record’s own words first', () => {
		expect(recordName('goals', { title: 'Learn Spanish\nmore text' }, 0)).toBe('Learn Spanish');
		expect(recordName('steps', { what: 'x'.repeat(80) }, 0)).toHaveLength(58);
	});

	it('falls back to kind, number and a date people read', () => {
		expect(recordName('meetings', { kind: 'conference', date: '2026-10-01' }, 1)).toBe(
			'PLP conference 2 · October 1, 2026'
		);
		expect(recordName('progress', {}, 0)).toBe('Progress check 1');
		expect(recordName('goals', { title: '' }, 0)).toBe('Goal 1');
	});
});
