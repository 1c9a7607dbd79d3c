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
} from '../../../src/lib/proficiencies/framework';
import type { RowProblem } from '../../../src/lib/school/roster-report';
import { readCsv } from '../roster/csv-table';

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
		if (files[file] === undefined) problems.push({ file, line: 0, reason: 'this file is missing' });
	}
	if (problems.length > 0) return { framework, problems };
	const scales = readCsv('scales.csv', files['scales.csv']!, ['scale_id', 'level', 'label']);
	problems.push(...scales.problems);
	const byScale = new Map<string, Scale>();
	for (const row of scales.table.rows) {
		const problem = (reason: string) => problems.push({ file: 'scales.csv', line: row.line, reason });
		const id = row.get('scale_id');
		const value = Number(row.get('level'));
		if (!id) {
			problem('scale_id is empty');
			continue;
		}
		if (!row.get('level') || !Number.isFinite(value)) {
			problem(`level "${row.get('level')}" is not a number`);
			continue;
		}
		if (!row.get('label')) {
			problem('label is empty');
			continue;
		}
		const scale = byScale.get(id) ?? { id, name: row.get('scale_name') || id, levels: [] };
		byScale.set(id, scale);
		if (scale.levels.some((level) => level.value === value)) {
			problem(`level ${value} of scale ${id} is listed twice`);
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
		const problem = (reason: string) => problems.push({ file: 'proficiencies.csv', line: row.line, reason });
		const id = row.get('id');
		const kind = KIND_WORDS[row.get('kind').toLowerCase()];
		if (!id) {
			problem('id is empty');
			continue;
		}
		if (!kind) {
			problem(`kind "${row.get('kind')}" is not one of: ${PROFICIENCY_KINDS.join(', ')}`);
			continue;
		}
		let proficiency = byId.get(id);
		if (!proficiency) {
			if (!row.get('title')) {
				problem('title is empty');
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
			problem(`proficiency ${id} is listed as both ${proficiency.kind} and ${kind}`);
			continue;
		}
		const text = row.get('indicator');
		if (!text) continue;
		const indicatorId = row.get('indicator_id') || `${id}.${proficiency.indicators.length + 1}`;
		if (proficiency.indicators.some((indicator) => indicator.id === indicatorId)) {
			problem(`indicator ${indicatorId} is listed twice`);
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
		return { framework: empty, problems: [{ file, line: 0, reason: 'this file is missing' }] };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {
			framework: empty,
			problems: [{ file, line: 0, reason: `not valid JSON (${(error as Error).message})` }]
		};
	}
	const problems: RowProblem[] = [];
	const problem = (reason: string) => problems.push({ file, line: 0, reason });
	const record = (value: unknown) =>
		value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const root = record(data);
	const list = (value: unknown, where: string) => {
		if (Array.isArray(value)) return value;
		problem(`${where} must be a list`);
		return [];
	};
	const scales: Scale[] = list(root.scales, 'scales').map((raw, i) => {
		const scale = record(raw);
		const id = str(scale.id);
		if (!id) problem(`scales[${i}].id is empty`);
		const levels = list(scale.levels, `scales[${i}].levels`).map((rawLevel, j) => {
			const level = record(rawLevel);
			if (typeof level.value !== 'number' || !Number.isFinite(level.value)) {
				problem(`scales[${i}].levels[${j}].value is not a number`);
			}
			if (!str(level.label)) problem(`scales[${i}].levels[${j}].label is empty`);
			return { value: Number(level.value), label: str(level.label), description: str(level.description) };
		});
		return { id, name: str(scale.name) || id, levels };
	});
	const proficiencies: Proficiency[] = list(root.proficiencies, 'proficiencies').map((raw, i) => {
		const item = record(raw);
		const id = str(item.id);
		const kind = KIND_WORDS[str(item.kind).toLowerCase()];
		if (!id) problem(`proficiencies[${i}].id is empty`);
		if (!kind)
			problem(`proficiencies[${i}].kind "${str(item.kind)}" is not one of: ${PROFICIENCY_KINDS.join(', ')}`);
		if (!str(item.title)) problem(`proficiencies[${i}].title is empty`);
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
function checkFramework(framework: Framework, file: string): RowProblem[] {
	const problems: RowProblem[] = [];
	const problem = (reason: string) => problems.push({ file, line: 0, reason });
	if (framework.scales.length === 0) problem('there is no assessment scale');
	if (framework.proficiencies.length === 0) problem('there are no proficiencies');
	const scaleIds = new Set<string>();
	for (const scale of framework.scales) {
		if (scaleIds.has(scale.id)) problem(`scale ${scale.id} is listed twice`);
		scaleIds.add(scale.id);
		if (scale.levels.length < 2) problem(`scale ${scale.id} needs at least two levels`);
		if (new Set(scale.levels.map((level) => level.value)).size !== scale.levels.length) {
			problem(`scale ${scale.id} lists a level twice`);
		}
		scale.levels.sort((a, b) => a.value - b.value);
	}
	const ids = new Set<string>();
	for (const proficiency of framework.proficiencies) {
		if (proficiency.id && ids.has(proficiency.id) && file.endsWith('.json'))
			problem(`proficiency ${proficiency.id} is listed twice`);
		ids.add(proficiency.id);
		if (proficiency.scaleId && !scaleIds.has(proficiency.scaleId)) {
			problem(`proficiency ${proficiency.id} uses scale ${proficiency.scaleId}, which is not in the scales`);
		}
	}
	return problems;
}
