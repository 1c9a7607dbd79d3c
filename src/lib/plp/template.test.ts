import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from './plan';
import { SchoolTemplate } from './template';

describe('SchoolTemplate', () => {
	it('ships the built-in pathways and a 12-month review', () => {
		const template = new SchoolTemplate(new Y.Doc());
		expect(template.reviewIntervalMonths()).toBe(12);
		expect(template.pathwayOptions().map((o) => o.value)).toContain('dual-enrollment');
		expect(template.promptsFor('goals', 'student')).toEqual([]);
	});

	it('adds a school pathway that a plan can use, labelled in the school’s words', () => {
		const template = new SchoolTemplate(new Y.Doc());
		const value = template.addOption('pathway', 'Farm to School apprenticeship');
		expect(template.pathwayOptions().at(-1)).toEqual({ value, label: 'Farm to School apprenticeship' });
		expect(template.labelOf(value)).toBe('Farm to School apprenticeship');

		const plan = Plan.create(new Y.Doc(), 'p');
		const id = plan.collections.pathways.add();
		plan.collections.pathways.set(id, 'kind', value);
		expect(plan.collections.pathways.get(id)?.kind).toBe(value);
		expect(() => plan.collections.pathways.set(id, 'status', 'custom:x')).toThrow(/not an option/);
	});

	it('keeps extra questions per step and voice, and a review interval in range', () => {
		const template = new SchoolTemplate(new Y.Doc());
		template.addPrompt('reflect', 'family', 'What surprised you this year?');
		expect(template.promptsFor('reflect', 'family').map((p) => p.text)).toEqual([
			'What surprised you this year?'
		]);
		expect(template.promptsFor('reflect', 'student')).toEqual([]);
		template.setReviewIntervalMonths(6);
		expect(template.reviewIntervalMonths()).toBe(6);
		expect(() => template.setReviewIntervalMonths(0)).toThrow();
	});

	it('hides sections the school does not use, and shows them again', () => {
		const template = new SchoolTemplate(new Y.Doc());
		template.setSectionHidden('transitions', true);
		template.setSectionHidden('evidence', true);
		expect(template.hiddenSections()).toEqual(['evidence', 'transitions']);
		template.setSectionHidden('transitions', false);
		expect(template.hiddenSections()).toEqual(['evidence']);
	});
});
