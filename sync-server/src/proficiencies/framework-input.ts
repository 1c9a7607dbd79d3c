/**
 * Uploaded framework files → a Framework, or the problems that stop it (by file and line). A
 * framework is saved whole or not at all: half a set of graduation requirements would mislead.
 *
 * CSV: `proficiencies.csv` (id, kind, area, title, indicator_id, indicator, scale) with one row
 * per performance indicator, and `scales.csv` (scale_id, scale_name, level, label, description)
 * with one row per level. JSON: `framework.json` holding a Framework (src/lib/proficiencies).
 */
import {
	PROFICIENCY_KINDS,
	type Framework,
	type Proficiency,
	type ProficiencyKind,
	type Scale
} from '../../../src/lib/contracts/framework';
import type { RowProblem } from '../../../src/lib/contracts/roster-report';
import { readCsv } from '../roster/csv-table';
import { rowProblem, type RowReason } from '../roster/row-reason';

export const FRAMEWORK_CSV_FILES = ['proficiencies.csv', 'scales.csv'] as const;
export const FRAMEWORK_JSON_FILE = 'framework.json';

const KIND_WORDS: Record<string, ProficiencyKind> = {
	graduation: 'graduation',
	'graduation requirement': 'graduation',
	pbgr: 'graduation',
	transferable: 'transferable',
	'transferable skill': 'transferable'
};

export function readFrameworkCsv(files: Partial<Record<string, string>>): {
	framework: Framework;
	problems: RowProblem[];
} {
	const problems: RowProblem[] = [];
	const framework: Framework = { proficiencies: [], scales: [] };
	for (const file of FRAMEWORK_CSV_FILES) {
		if (files[file] === undefined) problems.push(rowProblem(file, 0, { code: 'file-missing' }));
	}
	if (problems.length > 0) return { framework, problems };
	const scales = readCsv('scales.csv', files['scales.csv']!, ['scale_id', 'level', 'label']);
	problems.push(...scales.problems);
	const byScale = new Map<string, Scale>();
	for (const row of scales.table.rows) {
		const problem = (why: RowReason) => problems.push(rowProblem('scales.csv', row.line, why));
		const id = row.get('scale_id');
		const value = Number(row.get('level'));
		if (!id) {
			problem({ code: 'field-empty', field: 'scale_id' });
			continue;
		}
		if (!row.get('level') || !Number.isFinite(value)) {
			problem({ code: 'not-a-number', field: 'level', value: row.get('level') });
			continue;
		}
		if (!row.get('label')) {
			problem({ code: 'field-empty', field: 'label' });
			continue;
		}
		const scale = byScale.get(id) ?? { id, name: row.get('scale_name') || id, levels: [] };
		byScale.set(id, scale);
		if (scale.levels.some((level) => level.value === value)) {
			problem({ code: 'level-repeated', level: value, scaleId: id });
			continue;
		}
		scale.levels.push({ value, label: row.get('label'), description: row.get('description') });
	}
	framework.scales = [...byScale.values()];

	const required = ['id', 'kind', 'title', 'indicator'];
	const proficiencies = readCsv('proficiencies.csv', files['proficiencies.csv']!, required);
	problems.push(...proficiencies.problems);
	const byId = new Map<string, Proficiency>();
	for (const row of proficiencies.table.rows) {
		const problem = (why: RowReason) => problems.push(rowProblem('proficiencies.csv', row.line, why));
		const id = row.get('id');
		const kind = KIND_WORDS[row.get('kind').toLowerCase()];
		if (!id) {
			problem({ code: 'field-empty', field: 'id' });
			continue;
		}
		if (!kind) {
			problem({
				code: 'value-not-allowed',
				field: 'kind',
				value: row.get('kind'),
				allowed: [...PROFICIENCY_KINDS]
			});
			continue;
		}
		let proficiency = byId.get(id);
		if (!proficiency) {
			if (!row.get('title')) {
				problem({ code: 'field-empty', field: 'title' });
				continue;
			}
			proficiency = {
				id,
				kind,
				area: row.get('area'),
				title: row.get('title'),
				indicators: [],
				scaleId: row.get('scale')
			};
			byId.set(id, proficiency);
		} else if (proficiency.kind !== kind) {
			problem({ code: 'kind-conflict', id, first: proficiency.kind, second: kind });
			continue;
		}
		const text = row.get('indicator');
		if (!text) continue;
		const indicatorId = row.get('indicator_id') || `${id}.${proficiency.indicators.length + 1}`;
		if (proficiency.indicators.some((indicator) => indicator.id === indicatorId)) {
			problem({ code: 'indicator-repeated', id: indicatorId });
			continue;
		}
		proficiency.indicators.push({ id: indicatorId, text });
	}
	framework.proficiencies = [...byId.values()];
	problems.push(...checkFramework(framework, 'proficiencies.csv'));
	return { framework, problems };
}

/** A framework sent as JSON: the same checks, with the problem's place as a path instead of a line. */
export function readFrameworkJson(text: string | undefined): {
	framework: Framework;
	problems: RowProblem[];
} {
	const file = FRAMEWORK_JSON_FILE;
	const empty: Framework = { proficiencies: [], scales: [] };
	if (text === undefined)
		return { framework: empty, problems: [rowProblem(file, 0, { code: 'file-missing' })] };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {
			framework: empty,
			problems: [rowProblem(file, 0, { code: 'json-invalid', detail: (error as Error).message })]
		};
	}
	const problems: RowProblem[] = [];
	const problem = (why: RowReason) => problems.push(rowProblem(file, 0, why));
	const record = (value: unknown) =>
		value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const root = record(data);
	const list = (value: unknown, where: string) => {
		if (Array.isArray(value)) return value;
		problem({ code: 'not-a-list', field: where });
		return [];
	};
	const scales: Scale[] = list(root.scales, 'scales').map((raw, i) => {
		const scale = record(raw);
		const id = str(scale.id);
		if (!id) problem({ code: 'field-empty', field: `scales[${i}].id` });
		const levels = list(scale.levels, `scales[${i}].levels`).map((rawLevel, j) => {
			const level = record(rawLevel);
			if (typeof level.value !== 'number' || !Number.isFinite(level.value)) {
				problem({ code: 'not-a-number', field: `scales[${i}].levels[${j}].value`, value: str(level.value) });
			}
			if (!str(level.label)) problem({ code: 'field-empty', field: `scales[${i}].levels[${j}].label` });
			return { value: Number(level.value), label: str(level.label), description: str(level.description) };
		});
		return { id, name: str(scale.name) || id, levels };
	});
	const proficiencies: Proficiency[] = list(root.proficiencies, 'proficiencies').map((raw, i) => {
		const item = record(raw);
		const id = str(item.id);
		const kind = KIND_WORDS[str(item.kind).toLowerCase()];
		if (!id) problem({ code: 'field-empty', field: `proficiencies[${i}].id` });
		if (!kind) {
			const field = `proficiencies[${i}].kind`;
			problem({ code: 'value-not-allowed', field, value: str(item.kind), allowed: [...PROFICIENCY_KINDS] });
		}
		if (!str(item.title)) problem({ code: 'field-empty', field: `proficiencies[${i}].title` });
		const indicators = list(item.indicators ?? [], `proficiencies[${i}].indicators`).map(
			(rawIndicator, j) => {
				const indicator = record(rawIndicator);
				return { id: str(indicator.id) || `${id}.${j + 1}`, text: str(indicator.text) };
			}
		);
		return {
			id,
			kind: kind ?? 'graduation',
			area: str(item.area),
			title: str(item.title),
			indicators,
			scaleId: str(item.scale ?? item.scaleId)
		};
	});
	const framework = { proficiencies, scales };
	problems.push(...checkFramework(framework, file));
	return { framework, problems };
}

/** What must hold whatever the format: unique ids, known scales, scales of two levels or more. */
export function checkFramework(framework: Framework, file: string): RowProblem[] {
	const problems: RowProblem[] = [];
	const problem = (why: RowReason) => problems.push(rowProblem(file, 0, why));
	if (framework.scales.length === 0) problem({ code: 'no-scales' });
	if (framework.proficiencies.length === 0) problem({ code: 'no-proficiencies' });
	const scaleIds = new Set<string>();
	for (const scale of framework.scales) {
		if (scaleIds.has(scale.id)) problem({ code: 'scale-repeated', scaleId: scale.id });
		scaleIds.add(scale.id);
		if (scale.levels.length < 2) problem({ code: 'scale-too-short', scaleId: scale.id });
		if (new Set(scale.levels.map((level) => level.value)).size !== scale.levels.length) {
			problem({ code: 'scale-level-twice', scaleId: scale.id });
		}
		scale.levels.sort((a, b) => a.value - b.value);
	}
	const ids = new Set<string>();
	for (const proficiency of framework.proficiencies) {
		if (proficiency.id && ids.has(proficiency.id) && file.endsWith('.json'))
			problem({ code: 'proficiency-repeated', id: proficiency.id });
		ids.add(proficiency.id);
		if (proficiency.scaleId && !scaleIds.has(proficiency.scaleId)) {
			problem({ code: 'scale-unknown', id: proficiency.id, scaleId: proficiency.scaleId });
		}
	}
	// A progress entry may name an indicator by its id alone, so it must name one thing in the framework.
	const indicatorIds = new Set<string>();
	for (const indicator of framework.proficiencies.flatMap((proficiency) => proficiency.indicators)) {
		if (ids.has(indicator.id) || indicatorIds.has(indicator.id))
			problem({ code: 'indicator-repeated', id: indicator.id });
		indicatorIds.add(indicator.id);
	}
	return problems;
}
