import { describe, expect, it } from 'vitest';
import { ageOn, hasOwnRights } from './adulthood';

describe('turning 18', () => {
	it('counts whole years, the birthday itself included', () => {
		expect(ageOn('2008-03-15', '2026-03-14')).toBe(17);
		expect(ageOn('2008-03-15', '2026-03-15')).toBe(18);
		expect(ageOn('2008-12-31', '2027-01-01')).toBe(18);
		// Born on 29 February: 18 on 1 March of a year without one.
		expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
		expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
	});

	it('gives the rights only with a known birth date of 18 years or more', () => {
		expect(hasOwnRights('2008-03-15', '2026-03-15')).toBe(true);
		expect(hasOwnRights('2008-03-16', '2026-03-15')).toBe(false);
		expect(hasOwnRights(null, '2026-03-15')).toBe(false);
		expect(hasOwnRights('15/03/2008', '2026-03-15')).toBe(false);
	});
});
