import type * as Y from 'yjs';
import { Collection } from './collection';
import { CYCLE_STEPS } from './cycle';
import {
	CUSTOM_OPTION_PREFIX,
	GOAL_CATEGORIES,
	HIDEABLE_SECTIONS,
	PATHWAY_KINDS,
	type HideableSection
} from './schema';

export const DEFAULT_REVIEW_MONTHS = 12;
export const PROMPT_VOICES = ['student', 'family'] as const;
export type PromptVoice = (typeof PROMPT_VOICES)[number];

const OPTION_FIELDS = {
	list: { kind: 'choice', options: ['pathway', 'goal-category'] },
	label: { kind: 'line' }
} as const;

const PROMPT_FIELDS = {
	step: { kind: 'choice', options: CYCLE_STEPS },
	voice: { kind: 'choice', options: PROMPT_VOICES },
	text: { kind: 'line' }
} as const;

export { HIDEABLE_SECTIONS, type HideableSection } from './schema';

export interface Option {
	value: string;
	/** The school's own words for a custom option; built-in options are labelled by the app's catalogue. */
	label?: string;
}

/**
 * A school's PLP template, in the school document (`school.<schoolId>`): its own pathways and goal
 * categories on top of the built-in ones, extra guiding questions per step of the cycle, and how
 * often plans must be revised. Admins write it; every device in the school keeps a copy offline.
 */
export class SchoolTemplate {
	readonly options: Collection<typeof OPTION_FIELDS>;
	readonly prompts: Collection<typeof PROMPT_FIELDS>;
	private readonly settings: Y.Map<unknown>;

	constructor(readonly doc: Y.Doc) {
		this.options = new Collection(doc, 'template.options', OPTION_FIELDS);
		this.prompts = new Collection(doc, 'template.prompts', PROMPT_FIELDS);
		this.settings = doc.getMap('template.settings');
	}

	/** The Yjs types the template is read from: a view follows these to keep up with it. */
	get types(): [Y.Array<Y.Map<unknown>>, Y.Array<Y.Map<unknown>>, Y.Map<unknown>] {
		return [this.options.array, this.prompts.array, this.settings];
	}

	/** Sections of the plan this school does not use (hidden in the editor; data is kept). */
	hiddenSections(): HideableSection[] {
		// One key per section, so two admins changing different sections at once both count.
		return HIDEABLE_SECTIONS.filter((section) => this.settings.get(`hidden.${section}`) === true);
	}

	setSectionHidden(section: HideableSection, isHidden: boolean): void {
		this.settings.set(`hidden.${section}`, isHidden);
	}

	reviewIntervalMonths(): number {
		const months = this.settings.get('reviewIntervalMonths');
		return typeof months === 'number' && months >= 1 && months <= 36 ? months : DEFAULT_REVIEW_MONTHS;
	}

	setReviewIntervalMonths(months: number): void {
		if (!Number.isInteger(months) || months < 1 || months > 36) {
			throw new Error('The review interval is a whole number of months from 1 to 36.');
		}
		this.settings.set('reviewIntervalMonths', months);
	}

	/** Adds a school option (a pathway or a goal category) and returns the value plans store. */
	addOption(list: 'pathway' | 'goal-category', label: string): string {
		return CUSTOM_OPTION_PREFIX + this.options.add({ list, label: label.trim() });
	}

	pathwayOptions(): Option[] {
		return [...PATHWAY_KINDS.map((value) => ({ value })), ...this.custom('pathway')];
	}

	goalCategoryOptions(): Option[] {
		return [...GOAL_CATEGORIES.map((value) => ({ value })), ...this.custom('goal-category')];
	}

	/** The school's words for a custom value, or undefined for built-in values and unknown ones. */
	labelOf(value: string): string | undefined {
		if (!value.startsWith(CUSTOM_OPTION_PREFIX)) return undefined;
		return this.options.get(value.slice(CUSTOM_OPTION_PREFIX.length))?.label;
	}

	addPrompt(step: (typeof CYCLE_STEPS)[number], voice: PromptVoice, text: string): string {
		return this.prompts.add({ step, voice, text: text.trim() });
	}

	promptsFor(step: (typeof CYCLE_STEPS)[number], voice: PromptVoice): { id: string; text: string }[] {
		return this.prompts
			.list()
			.filter((p) => p.step === step && p.voice === voice && p.text)
			.map(({ id, text }) => ({ id, text }));
	}

	private custom(list: 'pathway' | 'goal-category'): Option[] {
		return this.options
			.list()
			.filter((o) => o.list === list && o.label)
			.map((o) => ({ value: CUSTOM_OPTION_PREFIX + o.id, label: o.label }));
	}
}
