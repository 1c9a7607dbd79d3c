import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { ne } from './ne';
import { fieldLabel, namesIn, recordNameWords, valueWords, type Wording } from './plan-words';

const english: Wording = { language: 'en', messages: en };
const spanish: Wording = { language: 'es', messages: es };
const goals = [
	{ id: 'g-1', title: 'Bring my biology grade up to a B' },
	{ id: 'g-2', title: '' }
];

describe('plan words', () => {
	it('labels choices in the reader’s language, the school’s own options by the school’s words', () => {
		const school: Wording = {
			...english,
			schoolLabel: (v) => (v === 'custom:x' ? 'Robotics club' : undefined)
		};
		expect(valueWords(english, 'goals', 'status', 'in-progress', namesIn(english, {}))).toBe('In progress');
		expect(valueWords(spanish, 'pathways', 'kind', 'work-based', namesIn(spanish, {}))).toBe(
			es.options['work-based']
		);
		expect(valueWords(school, 'pathways', 'kind', 'custom:x', namesIn(school, {}))).toBe('Robotics club');
	});

	it('names linked records instead of showing their ids', () => {
		const names = namesIn(english, { goals });
		expect(valueWords(english, 'steps', 'goalId', 'g-1', names)).toBe('Bring my biology grade up to a B');
		expect(valueWords(english, 'pathways', 'goalIds', ['g-1', 'g-2'], names)).toBe(
			'Bring my biology grade up to a B, Goal 2'
		);
		expect(valueWords(english, 'pathways', 'goalIds', ['gone'], names)).toBe('(removed)');
	});

	it('writes dates with month names in every language', () => {
		const day = (wording: Wording) =>
			valueWords(wording, 'goals', 'byWhen', '2027-04-30', namesIn(wording, {}));
		expect(day(english)).toBe('April 30, 2027');
		expect(day(spanish)).toBe('30 de abril de 2027');
		expect(day({ language: 'ar', messages: ar })).toMatch(/أبريل|نيسان/);
		expect(day({ language: 'ne', messages: ne })).toMatch(/अप्रिल/);
		for (const wording of [english, spanish]) expect(day(wording)).not.toContain('2027-04-30');
	});

	it('joins people with a space after each comma and words their roles', () => {
		const people = [
			{ name: 'Lucia Rivera', role: 'advisor' as const },
			{ name: 'Amara', role: 'student' as const }
		];
		expect(valueWords(english, 'revisions', 'participants', people, namesIn(english, {}))).toBe(
			'Lucia Rivera · Advisor, Amara · Student'
		);
		expect(
			valueWords({ language: 'ar', messages: ar }, 'revisions', 'participants', people, () => '')
		).toContain('، ');
	});

	it('numbers a record without words in the singular, and labels a revision’s reason as such', () => {
		expect(recordNameWords(english, 'goals', {}, 0)).toBe('Goal 1');
		expect(recordNameWords(spanish, 'goals', {}, 2)).toBe('Meta 3');
		expect(fieldLabel(en, 'revisions', 'why')).toBe('Why it changed');
		expect(fieldLabel(en, 'goals', 'why')).toBe('Why it matters to me');
	});
});
