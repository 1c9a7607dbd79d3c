import { describe, expect, it } from 'vitest';
import {
	ASSESSMENT_KINDS,
	ASSESSMENT_RECORD_KINDS,
	AUTHOR_ROLES,
	EVIDENCE_KINDS,
	GOAL_CATEGORIES,
	GOAL_KINDS,
	GOAL_STATUSES,
	GOAL_TERMS,
	INFO_FIELDS,
	MEETING_KINDS,
	PARTICIPANT_ROLES,
	PATHWAY_KINDS,
	PATHWAY_STATUSES,
	PLAN_COLLECTIONS,
	PROFILE_FIELDS,
	STEP_STATUSES,
	TRANSITION_KINDS,
	TRANSITION_STATUSES
} from '../plp/schema';
import { en } from './en';

describe('the English catalogue', () => {
	it('has a label for every option of every choice field', () => {
		const all = [
			MEETING_KINDS,
			PARTICIPANT_ROLES,
			ASSESSMENT_RECORD_KINDS,
			GOAL_KINDS,
			GOAL_CATEGORIES,
			GOAL_TERMS,
			GOAL_STATUSES,
			STEP_STATUSES,
			PATHWAY_KINDS,
			PATHWAY_STATUSES,
			ASSESSMENT_KINDS,
			EVIDENCE_KINDS,
			AUTHOR_ROLES,
			TRANSITION_KINDS,
			TRANSITION_STATUSES
		].flat();
		const missing = all.filter((option) => !(option in en.options));
		expect(missing).toEqual([]);
	});

	it('has a label for every field, section and profile question', () => {
		const fieldNames = Object.values(PLAN_COLLECTIONS).flatMap((fields) => Object.keys(fields));
		expect(fieldNames.filter((name) => !(name in en.fields))).toEqual([]);
		expect(Object.keys(PLAN_COLLECTIONS).filter((name) => !(name in en.sections))).toEqual([]);
		expect(PROFILE_FIELDS.filter((name) => !(name in en.profile))).toEqual([]);
		expect(INFO_FIELDS.filter((name) => !(name in en.info))).toEqual([]);
	});
});
