/**
 * A CASE package's CFRubrics → the framework's scales (see case-package.ts).
 *
 * Each rubric's first criterion gives the rubric's scale (its id is the rubric's identifier). Every
 * criterion is then either used or listed as not used, with the reason:
 * - a criterion names the proficiency (`CFItemURI`) that is on its scale; a later criterion whose
 *   levels differ from the first one's is a scale of its own (`<rubric>/<criterion>`);
 * - not used: a later criterion with no levels; one with levels of its own that names no item; one
 *   that names an item not in the package, or an indicator (indicators are assessed on their
 *   proficiency's scale), or a proficiency that an earlier criterion already gave a scale.
 */
import type { Framework, Scale } from '../../../src/lib/contracts/framework';
import type { RowReason } from '../roster/row-reason';
import { linkId, record, str, type Json } from './case-json';

interface Report {
	problem: (why: RowReason) => void;
	leftOut: (why: RowReason) => void;
}

function levelsOf(criterion: Json, where: string, problem: Report['problem']): Scale['levels'] {
	const rawLevels = criterion.CFRubricCriterionLevels;
	return (Array.isArray(rawLevels) ? rawLevels : []).map((rawLevel, j) => {
		const level = record(rawLevel);
		const at = `${where}.CFRubricCriterionLevels[${j}]`;
		const value =
			typeof level.score === 'number'
				? level.score
				: typeof level.position === 'number'
					? level.position
					: NaN;
		if (!Number.isFinite(value))
			problem({ code: 'not-a-number', field: `${at}.score`, value: str(level.score) });
		if (!str(level.quality)) problem({ code: 'field-empty', field: `${at}.quality` });
		return { value, label: str(level.quality), description: str(level.description) || str(level.feedback) };
	});
}

const sameLevels = (a: Scale['levels'], b: Scale['levels']) =>
	a.length === b.length && a.every((level, i) => level.value === b[i]!.value && level.label === b[i]!.label);

/** Adds the rubrics' scales to the framework and sets each proficiency's scale. */
export function readRubrics(
	rawRubrics: unknown[],
	framework: Framework,
	items: Map<string, { code: string }>,
	{ problem, leftOut }: Report
): void {
	const proficiencyIds = new Set(framework.proficiencies.map((proficiency) => proficiency.id));
	const scaleOfItem = new Map<string, string>();
	rawRubrics.forEach((raw, i) => {
		const rubric = record(raw);
		const id = str(rubric.identifier);
		if (!id) return problem({ code: 'field-empty', field: `CFRubrics[${i}].identifier` });
		const criteria = Array.isArray(rubric.CFRubricCriteria) ? rubric.CFRubricCriteria.map(record) : [];
		if (criteria.length === 0)
			return problem({ code: 'not-a-list', field: `CFRubrics[${i}].CFRubricCriteria` });
		const name = str(rubric.title) || id;
		const first = levelsOf(criteria[0]!, `CFRubrics[${i}].CFRubricCriteria[0]`, problem);
		framework.scales.push({ id, name, levels: first });

		criteria.forEach((criterion, j) => {
			const field = `CFRubrics[${i}].CFRubricCriteria[${j}]`;
			let scale: Scale | undefined;
			if (j > 0) {
				const levels = levelsOf(criterion, field, problem);
				if (levels.length === 0) return leftOut({ code: 'case-criterion-no-levels', field });
				if (!sameLevels(levels, first)) {
					const criterionId = str(criterion.identifier) || String(j);
					const label = str(criterion.category) || str(criterion.description) || String(j + 1);
					scale = { id: `${id}/${criterionId}`, name: `${name}: ${label}`, levels };
				}
			}
			const itemId = linkId(criterion.CFItemURI);
			if (!itemId) {
				if (scale) leftOut({ code: 'case-criterion-no-item', field });
				return;
			}
			const item = items.get(itemId);
			if (!item) return leftOut({ code: 'case-criterion-item-unknown', field, id: itemId });
			if (!proficiencyIds.has(itemId))
				return leftOut({ code: 'case-criterion-for-indicator', field, item: item.code || itemId });
			if (scaleOfItem.has(itemId))
				return leftOut({ code: 'case-criterion-item-has-scale', field, item: item.code || itemId });
			if (scale) framework.scales.push(scale);
			scaleOfItem.set(itemId, scale?.id ?? id);
		});
	});
	for (const proficiency of framework.proficiencies) {
		proficiency.scaleId = scaleOfItem.get(proficiency.id) ?? framework.scales[0]?.id ?? '';
	}
}
