import { describe, expect, it } from 'vitest';
import { formatClock, formatIsoDate, formatMessage, formatMoment } from './format';

// The formatters are kept per language and style (0042): each call must still answer in its own.
describe('dates in the reader’s language', () => {
	it('writes a calendar date per language and style, whatever was asked before', () => {
		expect(formatIsoDate('en', '2027-09-02')).toBe('September 2, 2027');
		expect(formatIsoDate('es', '2027-09-02')).toBe('2 de septiembre de 2027');
		expect(formatIsoDate('en', '2027-09-02', 'medium')).toBe('Sep 2, 2027');
		expect(formatIsoDate('en', '2027-09-03')).toBe('September 3, 2027');
	});

	it('keeps a calendar date on its day (no time-zone shift) and leaves words that are no date as they are', () => {
		expect(formatIsoDate('en', '2027-01-01')).toBe('January 1, 2027');
		expect(formatIsoDate('en', 'next spring')).toBe('next spring');
	});

	it('writes moments and times of day, and an unreadable moment as it came instead of failing', () => {
		const moment = new Date(2026, 11, 2, 10, 42).getTime();
		expect(formatMoment('en', moment)).toMatch(/^Dec 2, 2026, 10:42\sAM$/);
		expect(formatClock('en', moment)).toMatch(/^10:42\sAM$/);
		expect(formatMoment('en', 'not a time')).toBe('not a time');
		expect(formatClock('en', 'not a time')).toBe('not a time');
	});
});

// Plain `{name}` messages are joined without FormatJS's formatter (a big plan's headings): the
// same words as before, numbers still in the language's digits, a missing value never blanks it.
describe('messages', () => {
	it('fills plain placeholders, again and again, and writes numbers with the language’s digits', () => {
		expect(formatMessage('en', 'Goal · {date}', { date: 'June 2' })).toBe('Goal · June 2');
		expect(formatMessage('en', 'Goal · {date}', { date: 'June 3' })).toBe('Goal · June 3');
		expect(formatMessage('en', 'Progress check {number}', { number: 12 })).toBe('Progress check 12');
		expect(formatMessage('ne', 'लक्ष्य {number}', { number: 12 })).toBe('लक्ष्य १२');
		expect(formatMessage('en', 'In {year}', { year: 2027 })).toBe('In 2027');
	});

	it('keeps a placeholder it has no value for instead of failing', () => {
		expect(formatMessage('en', '{who} wrote {what}', { who: 'Ana' })).toBe('Ana wrote {what}');
	});
});
