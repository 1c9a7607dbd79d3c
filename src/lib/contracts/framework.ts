/**
 * A school's proficiency framework: its proficiency-based graduation requirements and transferable
 * skills (each with performance indicators), and its assessment scales. Shared by the server (which
 * validates and versions uploads) and the app (which keeps the latest on the device for offline use).
 * Plain data, no Yjs: the framework is written by admins only, as a whole, in versions.
 */

export const PROFICIENCY_KINDS = ['graduation', 'transferable'] as const;
export type ProficiencyKind = (typeof PROFICIENCY_KINDS)[number];

export interface PerformanceIndicator {
	/** Stable across versions (a CASE item's identifier for a CASE framework). */
	id: string;
	text: string;
	/** The code people read (CASE `humanCodingScheme`), when it is not the id. */
	code?: string;
}

export interface Proficiency {
	/**
	 * The school's code for it ("SCI-1"), or a CASE item's identifier: stable across versions,
	 * stored in progress entries.
	 */
	id: string;
	/** The code people read (CASE `humanCodingScheme`), when the id is a CASE identifier. */
	code?: string;
	kind: ProficiencyKind;
	/** The content area or skill group ("Science", "Communication"). */
	area: string;
	title: string;
	indicators: PerformanceIndicator[];
	/** The scale its levels are on; the framework's first scale when empty. */
	scaleId: string;
}

export interface ScaleLevel {
	value: number;
	label: string;
	description: string;
}

export interface Scale {
	id: string;
	name: string;
	/** Lowest first. */
	levels: ScaleLevel[];
}

/** CASE 1.0's association types other than `isChildOf` (which makes the framework's structure). */
export const CASE_LINK_TYPES = [
	'isPeerOf',
	'isPartOf',
	'exactMatchOf',
	'precedes',
	'isRelatedTo',
	'replacedBy',
	'exemplar',
	'hasSkillLevel'
] as const;
export type CaseLinkType = (typeof CASE_LINK_TYPES)[number];

/**
 * A CASE association kept as it is: from an item of the framework (a proficiency or an indicator)
 * to another item, or to a node outside the package (then with the title and URI it gave).
 */
export interface FrameworkLink {
	type: CaseLinkType;
	fromId: string;
	toId: string;
	/** For a node outside the package: its title and URI as the package gave them. */
	toTitle?: string;
	toUri?: string;
}

export interface Framework {
	proficiencies: Proficiency[];
	scales: Scale[];
	/** A CASE framework's other associations (absent when there are none). */
	links?: FrameworkLink[];
}

export interface FrameworkVersion extends Framework {
	version: number;
	createdAt: string;
}

/** The scale a proficiency is assessed on. */
export function scaleOf(framework: Framework, proficiency: Proficiency | undefined): Scale | undefined {
	if (!proficiency) return framework.scales[0];
	return framework.scales.find((scale) => scale.id === proficiency.scaleId) ?? framework.scales[0];
}

export function findProficiency(framework: Framework, id: string): Proficiency | undefined {
	return framework.proficiencies.find((proficiency) => proficiency.id === id);
}

/**
 * What a progress entry names: a proficiency, or one of its performance indicators (then with its
 * parent proficiency, whose scale the indicator is assessed on).
 */
export interface ProgressTarget {
	proficiency: Proficiency;
	indicator?: PerformanceIndicator;
}

export function findTarget(framework: Framework, id: string): ProgressTarget | undefined {
	for (const proficiency of framework.proficiencies) {
		if (proficiency.id === id) return { proficiency };
		const indicator = proficiency.indicators.find((candidate) => candidate.id === id);
		if (indicator) return { proficiency, indicator };
	}
	return undefined;
}

/** "3 · Meets" for a stored level "3"; the stored text as it is when it is not on the scale. */
export function levelText(scale: Scale | undefined, level: string): string {
	const found = scale?.levels.find((candidate) => String(candidate.value) === level.trim());
	return found ? `${found.value} · ${found.label}` : level;
}
