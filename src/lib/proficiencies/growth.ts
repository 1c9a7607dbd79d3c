/**
 * A student's growth: each proficiency's assessed levels over time, from the plan's progress
 * entries and the school's framework. Pure data for the growth chart and its table.
 */
import { proficiencyIdsOf } from '../plp/proficiency-links';
import type { Goal, Pathway, ProgressEntry } from '../plp/schema';
import {
	findProficiency,
	findTarget,
	levelText,
	scaleOf,
	type Framework,
	type Scale
} from '../contracts/framework';

export interface GrowthPoint {
	date: string;
	/** The level as a number on the scale; null when the entry's level is not on it. */
	value: number | null;
	/** "3 · Proficient", or the entry's own words. */
	levelText: string;
	assessmentKind: string;
	entryId: string;
}

export interface GrowthSeries {
	/** The proficiency's or indicator's id, as progress entries store it. */
	proficiencyId: string;
	/** The code people read (CASE `humanCodingScheme`, else the id). */
	code: string;
	title: string;
	/** For an indicator, the id of the proficiency it belongs to. */
	indicatorOf?: string;
	/** False for an id the framework does not have (then `code` and `title` are that id). */
	isInFramework: boolean;
	scale: Scale | undefined;
	/** Oldest first. */
	points: GrowthPoint[];
}

/**
 * One series per proficiency or performance indicator that has dated progress entries, in the
 * framework's order (an indicator after its proficiency); ids not in the framework last.
 */
export function growthSeries(entries: readonly ProgressEntry[], framework: Framework | null): GrowthSeries[] {
	const byProficiency = new Map<string, ProgressEntry[]>();
	for (const entry of entries) {
		if (!entry.proficiency || !entry.date) continue;
		const list = byProficiency.get(entry.proficiency) ?? [];
		list.push(entry);
		byProficiency.set(entry.proficiency, list);
	}
	const order = frameworkOrder(framework);
	return [...byProficiency.entries()]
		.sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
		.map(([proficiencyId, list]) => {
			const target = framework ? findTarget(framework, proficiencyId) : undefined;
			const scale = framework ? scaleOf(framework, target?.proficiency) : undefined;
			const points = list
				.map((entry) => {
					const onScale = scale?.levels.find((level) => String(level.value) === entry.level.trim());
					return {
						date: entry.date,
						value: onScale ? onScale.value : null,
						levelText: levelText(scale, entry.level),
						assessmentKind: entry.assessmentKind,
						entryId: entry.id
					};
				})
				.sort((a, b) => a.date.localeCompare(b.date) || a.entryId.localeCompare(b.entryId));
			const named = target?.indicator ?? target?.proficiency;
			return {
				proficiencyId,
				code: named?.code ?? proficiencyId,
				title: target?.indicator ? target.indicator.text : (target?.proficiency.title ?? proficiencyId),
				...(target?.indicator ? { indicatorOf: target.proficiency.id } : {}),
				isInFramework: target !== undefined,
				scale,
				points
			};
		});
}

/** Each proficiency and indicator id's place in the framework (unknown ids after all of them). */
export function frameworkOrder(framework: Framework | null): (id: string) => number {
	const places = new Map<string, number>();
	for (const proficiency of framework?.proficiencies ?? []) {
		places.set(proficiency.id, places.size);
		for (const indicator of proficiency.indicators) places.set(indicator.id, places.size);
	}
	return (id) => places.get(id) ?? Number.MAX_SAFE_INTEGER;
}

export interface GoalCounts {
	met: number;
	active: number;
	other: number;
}

/** Goals met, active (not started or in progress) and other (revised, stopped, no status). */
export function goalCounts(goals: readonly Pick<Goal, 'status'>[]): GoalCounts {
	const counts = { met: 0, active: 0, other: 0 };
	for (const goal of goals) {
		if (goal.status === 'met') counts.met++;
		else if (goal.status === 'in-progress' || goal.status === 'not-started') counts.active++;
		else counts.other++;
	}
	return counts;
}

/** Pathways in time order (by start date; undated ones last), for the timeline table. */
export function pathwayTimeline<P extends Pick<Pathway, 'startDate' | 'endDate' | 'id'>>(
	pathways: readonly P[]
): P[] {
	return pathways.toSorted(
		(a, b) =>
			(a.startDate || '9999').localeCompare(b.startDate || '9999') ||
			(a.endDate || '9999').localeCompare(b.endDate || '9999') ||
			a.id.localeCompare(b.id)
	);
}

export interface ProficiencyGoals {
	proficiencyId: string;
	/** What people read as its code (CASE `humanCodingScheme`, else the school's id). */
	code: string;
	title: string;
	goals: Pick<Goal, 'id' | 'title' | 'status'>[];
}

/** For each proficiency that goals are linked to (in the framework's order), those goals. */
export function goalsByProficiency(
	goals: readonly Pick<Goal, 'id' | 'title' | 'status' | 'proficiencyIds' | 'proficiency'>[],
	framework: Framework | null
): ProficiencyGoals[] {
	const byProficiency = new Map<string, ProficiencyGoals['goals']>();
	for (const goal of goals) {
		for (const id of proficiencyIdsOf(goal)) {
			const list = byProficiency.get(id) ?? [];
			list.push({ id: goal.id, title: goal.title, status: goal.status });
			byProficiency.set(id, list);
		}
	}
	const order = frameworkOrder(framework);
	return [...byProficiency]
		.sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
		.map(([proficiencyId, list]) => {
			const named = framework ? findProficiency(framework, proficiencyId) : undefined;
			return {
				proficiencyId,
				// The code people read: a CASE item's id is an identifier no one should see.
				code: named?.code ?? proficiencyId,
				title: named?.title || proficiencyId,
				goals: list
			};
		});
}

export interface PathwaySpan {
	id: string;
	kind: string;
	status: string;
	/** Seconds since 1970 (uPlot's time unit), noon UTC of the date. */
	start: number;
	end: number;
	/** No end date: the bar runs to today (or a month past its start, if that is later). */
	isOpenEnded: boolean;
}

const seconds = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

/** The dated pathways as bars on a timeline, in timeline order; undated ones are only in the table. */
export function pathwaySpans(
	pathways: readonly Pick<Pathway, 'id' | 'kind' | 'status' | 'startDate' | 'endDate'>[],
	today: string
): PathwaySpan[] {
	return pathwayTimeline(pathways)
		.filter((pathway) => /^\d{4}-\d{2}-\d{2}$/.test(pathway.startDate))
		.map((pathway) => {
			const start = seconds(pathway.startDate);
			const hasEnd = /^\d{4}-\d{2}-\d{2}$/.test(pathway.endDate);
			const end = hasEnd ? seconds(pathway.endDate) : Math.max(seconds(today), start + 30 * 86_400);
			return {
				id: pathway.id,
				kind: pathway.kind,
				status: pathway.status,
				start,
				end: Math.max(start, end),
				isOpenEnded: !hasEnd
			};
		});
}
