/**
 * The shape of a plan, declared once. Every record kind lists its fields and what kind of value
 * each holds; the typed accessors (collection.ts), the editor and the tests all read this table,
 * so adding a field is one line here plus its label.
 *
 * Field kinds and how they live in Yjs:
 * - `text`   long writing, a Y.Text (two people typing in it merge by character)
 * - `line`   a short value (a name, a provider), last writer wins
 * - `date`   an ISO date `YYYY-MM-DD`, last writer wins
 * - `choice` one of a fixed list, last writer wins
 * - `ref`    the id of one other record (an action step's goal), last writer wins
 * - `links`  a set of ids of other records (a Y.Map id → true, so concurrent link/unlink converge)
 * - `idSet`  a set of ids from outside the plan (the school framework's proficiencies), stored like `links`
 * - `people` a list of { name, role } (a Y.Array of plain objects)
 */

/** Bump together with a migration in migrations.ts. */
export const SCHEMA_VERSION = 2;

/** Sections a school may leave out. The core of a PLP (profile, goals, steps, revisions) always shows. */
export const HIDEABLE_SECTIONS = ['assessments', 'pathways', 'progress', 'evidence', 'transitions'] as const;
export type HideableSection = (typeof HIDEABLE_SECTIONS)[number];

export const MEETING_KINDS = ['conference', 'annual-review', 'check-in', 'transition', 'other'] as const;
export const PARTICIPANT_ROLES = [
	'student',
	'guardian',
	'advocate',
	'advisor',
	'teacher',
	'counselor',
	'community',
	'other'
] as const;
export const ASSESSMENT_RECORD_KINDS = ['interest-inventory', 'career-inventory', 'baseline'] as const;
export const GOAL_KINDS = ['secondary', 'post-secondary'] as const;
export const GOAL_CATEGORIES = [
	'academic',
	'personal',
	'career',
	'two-year-college',
	'four-year-college',
	'military',
	'certificate',
	'employment',
	'other'
] as const;
export const GOAL_TERMS = ['short', 'long'] as const;
export const GOAL_STATUSES = ['not-started', 'in-progress', 'met', 'revised', 'stopped'] as const;
export const STEP_STATUSES = ['planned', 'doing', 'done'] as const;
export const PATHWAY_KINDS = [
	'dual-enrollment',
	'early-college',
	'blended-virtual',
	'work-based',
	'completion-program',
	'expanded-learning',
	'career-technical',
	'other'
] as const;
export const PATHWAY_STATUSES = ['planned', 'active', 'completed', 'withdrawn'] as const;
export const ASSESSMENT_KINDS = [
	'baseline',
	'benchmark',
	'performance',
	'self',
	'peer',
	'formative'
] as const;
export const EVIDENCE_KINDS = ['file', 'link', 'journal'] as const;
export const AUTHOR_ROLES = [
	'student',
	'guardian',
	'advisor',
	'teacher',
	'counselor',
	'peer',
	'community',
	'mentor',
	'employer'
] as const;
export const TRANSITION_KINDS = ['middle-to-high', 'high-to-after', 'other'] as const;
export const TRANSITION_STATUSES = ['planning', 'in-progress', 'done'] as const;

/** The record kinds of the plan document, in the order the editor shows them. */
export const COLLECTION_NAMES = [
	'meetings',
	'assessments',
	'goals',
	'steps',
	'pathways',
	'progress',
	'evidence',
	'reflections',
	'revisions',
	'transitions'
] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export interface Person {
	name: string;
	role: ParticipantRole;
}

export type FieldDef =
	| { kind: 'text' }
	| { kind: 'line'; isInternal?: boolean }
	| { kind: 'date' }
	| { kind: 'choice'; options: readonly string[]; isOpen?: boolean }
	| { kind: 'ref'; to: CollectionName }
	| { kind: 'links'; to: CollectionName }
	| { kind: 'idSet' }
	| { kind: 'people' };

const text = { kind: 'text' } as const;
const line = { kind: 'line' } as const;
const date = { kind: 'date' } as const;
const people = { kind: 'people' } as const;
const idSet = { kind: 'idSet' } as const;
/**
 * Before goals and evidence could link several proficiencies they held one id in `proficiency`.
 * Plans written then keep it there: it is read together with `proficiencyIds` (proficiency-links.ts),
 * never moved, so no migration races with an edit on another device.
 */
const legacyProficiency = { kind: 'line', isInternal: true } as const;
function choice<const T extends readonly string[]>(options: T) {
	return { kind: 'choice', options } as const;
}
/** A choice a school can extend in its template: values `custom:<id>` name the school's own options. */
function openChoice<const T extends readonly string[]>(options: T) {
	return { kind: 'choice', options, isOpen: true } as const;
}
export const CUSTOM_OPTION_PREFIX = 'custom:';
function ref<const T extends CollectionName>(to: T) {
	return { kind: 'ref', to } as const;
}
function links<const T extends CollectionName>(to: T) {
	return { kind: 'links', to } as const;
}

/** The fields of each record kind of the plan document. */
export const PLAN_COLLECTIONS = {
	meetings: { date, kind: choice(MEETING_KINDS), participants: people, notes: text },
	assessments: { kind: choice(ASSESSMENT_RECORD_KINDS), name: line, date, score: line, notes: text },
	goals: {
		kind: choice(GOAL_KINDS),
		category: openChoice(GOAL_CATEGORIES),
		term: choice(GOAL_TERMS),
		title: text,
		why: text,
		measure: text,
		byWhen: date,
		status: choice(GOAL_STATUSES),
		/** The school framework's proficiencies this goal works toward (their ids). */
		proficiencyIds: idSet,
		proficiency: legacyProficiency
	},
	steps: {
		goalId: ref('goals'),
		what: text,
		timeline: text,
		evidenceExpected: text,
		support: text,
		status: choice(STEP_STATUSES)
	},
	pathways: {
		kind: openChoice(PATHWAY_KINDS),
		provider: line,
		startDate: date,
		endDate: date,
		status: choice(PATHWAY_STATUSES),
		goalIds: links('goals'),
		notes: text
	},
	progress: {
		date,
		goalId: ref('goals'),
		proficiency: line,
		assessmentKind: choice(ASSESSMENT_KINDS),
		level: line,
		note: text,
		evidenceIds: links('evidence')
	},
	evidence: {
		kind: choice(EVIDENCE_KINDS),
		title: text,
		date,
		url: line,
		/** SHA-256 of the file (its address in the device's and the server's blob store). */
		fileHash: { kind: 'line', isInternal: true },
		fileName: line,
		/** The type read from the file's content (src/lib/plp/file-types.ts). */
		mimeType: { kind: 'line', isInternal: true },
		body: text,
		goalIds: links('goals'),
		stepIds: links('steps'),
		/** The school framework's proficiencies this evidence shows (their ids). */
		proficiencyIds: idSet,
		proficiency: legacyProficiency
	},
	reflections: { date, authorRole: choice(AUTHOR_ROLES), authorName: line, prompt: line, body: text },
	revisions: {
		date,
		whatChanged: text,
		why: text,
		reflectionIds: links('reflections'),
		participants: people,
		/** Yjs snapshot of the plan when the revision was recorded (base64), for "what changed". */
		snapshot: { kind: 'line', isInternal: true }
	},
	transitions: {
		kind: choice(TRANSITION_KINDS),
		targetDate: date,
		status: choice(TRANSITION_STATUSES),
		plan: text,
		supports: text
	}
} as const satisfies Record<CollectionName, Fields>;

/** The family document: what guardians write, everyone on the plan reads. */
export const FAMILY_COLLECTIONS = {
	reflections: PLAN_COLLECTIONS.reflections,
	comments: { date, authorName: line, section: line, body: text }
} as const;

export type FamilyCollectionName = keyof typeof FAMILY_COLLECTIONS;
export type FieldsOf<N extends CollectionName> = (typeof PLAN_COLLECTIONS)[N];

/** The plain value a field reads as. */
export type ValueOf<F> = F extends { kind: 'choice'; options: readonly (infer O)[] }
	? O | ''
	: F extends { kind: 'links' | 'idSet' }
		? string[]
		: F extends { kind: 'people' }
			? Person[]
			: string;

export type Fields = Readonly<Record<string, FieldDef>>;

/** A record as plain data: `id` plus every field. */
export type RecordOf<F extends Fields> = { id: string } & { -readonly [K in keyof F]: ValueOf<F[K]> };

export type Meeting = RecordOf<FieldsOf<'meetings'>>;
export type Assessment = RecordOf<FieldsOf<'assessments'>>;
export type Goal = RecordOf<FieldsOf<'goals'>>;
export type ActionStep = RecordOf<FieldsOf<'steps'>>;
export type Pathway = RecordOf<FieldsOf<'pathways'>>;
export type ProgressEntry = RecordOf<FieldsOf<'progress'>>;
export type EvidenceRef = RecordOf<FieldsOf<'evidence'>>;
export type Reflection = RecordOf<FieldsOf<'reflections'>>;
export type Revision = RecordOf<FieldsOf<'revisions'>>;
export type Transition = RecordOf<FieldsOf<'transitions'>>;
export type FamilyComment = RecordOf<(typeof FAMILY_COLLECTIONS)['comments']>;

/** Plan information: short values, one map. */
export const INFO_FIELDS = ['studentName', 'studentId', 'school', 'grade', 'startDate'] as const;
export type InfoField = (typeof INFO_FIELDS)[number];
export type PlanInfo = Record<InfoField, string>;

/** The student profile: long writing, one Y.Text each. */
export const PROFILE_FIELDS = [
	'strengths',
	'coreValues',
	'inspirations',
	'howILearn',
	'interests',
	'challenges',
	'visionNear',
	'visionFar'
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The family's own view of the student: long writing, one Y.Text each. */
export const FAMILY_VIEW_FIELDS = ['strengths', 'hopes'] as const;
export type FamilyViewField = (typeof FAMILY_VIEW_FIELDS)[number];
