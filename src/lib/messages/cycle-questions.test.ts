import { describe, expect, it } from 'vitest';
import { CYCLE_STEPS } from '../plp/cycle';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { ne } from './ne';

/** Issue #14, part 6: every step offers at least five guiding questions, in both voices, in every language. */
describe('guiding questions', () => {
	for (const [language, catalogue] of Object.entries({ en, es, ar, ne })) {
		it(`${language}: five or more different questions per step for the student and for the family`, () => {
			for (const step of CYCLE_STEPS) {
				for (const questions of [
					catalogue.cycle.studentQuestions[step],
					catalogue.cycle.familyQuestionsByStep[step]
				]) {
					expect(questions.length, `${language} ${step}`).toBeGreaterThanOrEqual(5);
					expect(new Set(questions).size).toBe(questions.length);
					for (const question of questions) expect(question.trim()).not.toBe('');
				}
			}
		});
	}
});
