/**
 * Growth that follows the framework's structure: a proficiency's own progress entries, each of its
 * performance indicators' entries, and the indicators rolled up to the proficiency.
 *
 * The roll-up (docs/decisions/0072-growth-rolled-up.md): a proficiency's rolled-up level is the
 * median of the latest level of each of its indicators that has one on the scale; with an even
 * number of them, the lower of the two middle levels. Scale levels are ordered words ("Developing",
 * "Proficient"), so no average is taken, and the result is always a level of the scale. An
 * indicator with no level on the scale yet does not count; the proficiency's own entries stay in
 * their own series and do not enter the roll-up.
 */
import type { ProgressEntry } from '../plp/schema';
import { levelText, scaleOf, type Framework, type Proficiency, type Scale } from '../contracts/framework';
import { growthSeries, type GrowthSeries } from './growth';

export interface IndicatorLatest {
	indicatorId: string;
	code: string;
	text: string;
	/** The latest level on the scale; null when the indicator has none yet. */
	value: number | null;
	levelText: string;
	/** The date of that level ('' when none). */
	date: string;
}

export interface RollupPoint {
	date: string;
	value: number;
	levelText: string;
	/** How many indicators had a level on the scale by that date. */
	assessed: number;
}

export interface ProficiencyRollup {
	value: number;
	levelText: string;
	/** Indicators with a level on the scale, of all the proficiency's indicators. */
	assessed: number;
	total: number;
	/** Every indicator of the proficiency in the framework's order, assessed or not. */
	indicators: IndicatorLatest[];
	/** The rolled-up level after each day an indicator was assessed, oldest first. */
	points: RollupPoint[];
}

export interface ProficiencyGrowth {
	proficiencyId: string;
	code: string;
	title: string;
	scale: Scale | undefined;
	/** Entries that name the proficiency itself. */
	own: GrowthSeries | null;
	/** Entries that name its indicators, one series per indicator assessed. */
	indicators: GrowthSeries[];
	/** Null when no indicator has a level on the scale. */
	rollup: ProficiencyRollup | null;
}

/** The median of ordered levels, the lower middle one for an even count; null for none. */
export function rollUp(levels: readonly number[]): number | null {
	if (levels.length === 0) return null;
	const sorted = levels.toSorted((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One group per proficiency with entries on it or on its indicators, in the framework's order. */
export function proficiencyGrowth(
	entries: readonly ProgressEntry[],
	framework: Framework | null
): ProficiencyGrowth[] {
	const groups = new Map<string, ProficiencyGrowth>();
	for (const series of growthSeries(entries, framework)) {
		const parentId = series.indicatorOf ?? series.proficiencyId;
		let group = groups.get(parentId);
		if (!group) {
			const proficiency = framework?.proficiencies.find((candidate) => candidate.id === parentId);
			group = {
				proficiencyId: parentId,
				code: proficiency ? (proficiency.code ?? proficiency.id) : series.code,
				title: proficiency?.title ?? series.title,
				scale: framework && proficiency ? scaleOf(framework, proficiency) : series.scale,
				own: null,
				indicators: [],
				rollup: null
			};
			groups.set(parentId, group);
		}
		if (series.indicatorOf) group.indicators.push(series);
		else group.own = series;
	}
	for (const group of groups.values()) {
		const proficiency = framework?.proficiencies.find((candidate) => candidate.id === group.proficiencyId);
		if (proficiency && group.indicators.length > 0) group.rollup = rollupOf(proficiency, group);
	}
	return [...groups.values()];
}

function rollupOf(proficiency: Proficiency, group: ProficiencyGrowth): ProficiencyRollup | null {
	const seriesOf = new Map(group.indicators.map((series) => [series.proficiencyId, series]));
	const indicators = proficiency.indicators.map((indicator): IndicatorLatest => {
		const latest = seriesOf.get(indicator.id)?.points.findLast((point) => point.value !== null);
		return {
			indicatorId: indicator.id,
			code: indicator.code ?? indicator.id,
			text: indicator.text,
			value: latest?.value ?? null,
			levelText: latest?.levelText ?? '',
			date: latest?.date ?? ''
		};
	});
	const levels = indicators.flatMap((indicator) => (indicator.value === null ? [] : [indicator.value]));
	const value = rollUp(levels);
	if (value === null) return null;

	// The same rule on every day an indicator was assessed: each one's latest level by then.
	const dated = group.indicators
		.flatMap((series) =>
			series.points.flatMap((point) =>
				point.value === null ? [] : [{ id: series.proficiencyId, date: point.date, value: point.value }]
			)
		)
		.sort((a, b) => a.date.localeCompare(b.date));
	const latestById = new Map<string, number>();
	const points: RollupPoint[] = [];
	dated.forEach((point, i) => {
		latestById.set(point.id, point.value);
		if (dated[i + 1]?.date === point.date) return;
		const level = rollUp([...latestById.values()])!;
		points.push({
			date: point.date,
			value: level,
			levelText: levelText(group.scale, String(level)),
			assessed: latestById.size
		});
	});
	return {
		value,
		levelText: levelText(group.scale, String(value)),
		assessed: levels.length,
		total: proficiency.indicators.length,
		indicators,
		points
	};
}
