/**
 * Every word the app shows, in English, in one place. Written for a 12-year-old and for a parent
 * reading a second language: short sentences, common words. Other languages come with their own
 * catalogue (see the languages issue); the keys here are the contract.
 */
export const en = {
	app: {
		name: 'Pathways',
		tagline: 'Your plan for school and after.',
		skipToContent: 'Skip to the main content'
	},
	home: {
		title: 'Plans on this device',
		empty: 'There are no plans on this device yet.',
		newPlan: 'Start a new plan',
		studentName: 'Student’s name',
		create: 'Create plan',
		nameNeeded: 'Please write the student’s name.',
		lastEdited: 'Last change',
		notSynced: 'Not sent to the school yet',
		open: 'Open'
	},
	save: {
		loading: 'Opening the plan…',
		saving: 'Saving on this device…',
		saved: 'Saved on this device',
		error:
			'Not saved: this device could not store your last change. Keep this page open and free some space.',
		tooNew:
			'This plan was changed with a newer version of Pathways. You can read it, but reload the app to edit it.',
		notFound: 'This plan is not on this device.'
	},
	storage: {
		low: 'This device is almost out of space. Your plan is safe, but new changes may not fit. Delete files you do not need.',
		notPersistent:
			'This browser may clear saved plans when space runs low. Install Pathways to keep your plan safe.'
	},
	pwa: {
		install: 'Install Pathways',
		installHint: 'Add Pathways to this device so it opens without the internet.',
		updateReady: 'A new version of Pathways is ready.',
		reload: 'Reload now',
		later: 'Later',
		offlineReady: 'Pathways now works without the internet on this device.'
	},
	editor: {
		sections: 'Sections of the plan',
		add: 'Add',
		remove: 'Remove',
		confirmRemove: 'Remove this? You can not undo it.',
		none: 'Nothing here yet.',
		linkedGoals: 'Goals this is part of',
		noGoals: 'Add a goal first.',
		addPerson: 'Add person',
		personName: 'Name',
		personRole: 'Role',
		removePerson: 'Remove {name}',
		chooseOne: 'Choose…',
		noGoal: 'No goal',
		back: 'All plans',
		stepsOfGoal: 'Action steps for this goal',
		untitled: 'Untitled'
	},
	sections: {
		info: 'Plan information',
		meetings: 'Meetings',
		profile: 'About me',
		assessments: 'Inventories and baseline assessments',
		goals: 'Goals',
		steps: 'Action steps',
		pathways: 'Flexible pathways',
		progress: 'Progress',
		evidence: 'Evidence',
		reflections: 'Reflections',
		revisions: 'Revisions',
		transitions: 'Transition plans'
	},
	addLabels: {
		meetings: 'Add a meeting',
		assessments: 'Add an inventory or assessment',
		goals: 'Add a goal',
		steps: 'Add an action step',
		pathways: 'Add a pathway',
		progress: 'Add a progress check',
		evidence: 'Add evidence',
		reflections: 'Add a reflection',
		revisions: 'Add a revision',
		transitions: 'Add a transition plan'
	},
	info: {
		studentName: 'Student’s name',
		studentId: 'Student ID',
		school: 'School',
		grade: 'Grade',
		startDate: 'Date the plan started'
	},
	profile: {
		strengths: 'My strengths, abilities and skills',
		coreValues: 'What matters most to me',
		inspirations: 'Who and what inspires me',
		howILearn: 'How I learn best',
		interests: 'My interests',
		challenges: 'What is hard for me',
		visionNear: 'Where I see myself in 6 months to 2 years',
		visionFar: 'Where I see myself in 5 to 10 years'
	},
	family: {
		title: 'From the family',
		hint: 'Parents and guardians write here. Everyone on the plan can read it.',
		strengths: 'Strengths our family sees',
		hopes: 'Our hopes for the future',
		reflections: 'Family reflections',
		addReflection: 'Add a family reflection',
		reflection: 'Reflection'
	},
	fields: {
		date: 'Date',
		kind: 'Kind',
		participants: 'Who took part',
		notes: 'Notes',
		name: 'Name',
		score: 'Score or result',
		category: 'Category',
		term: 'Short or long term',
		title: 'Goal',
		why: 'Why it matters to me',
		measure: 'How I will know I reached it',
		byWhen: 'By when',
		status: 'Status',
		goalId: 'Goal',
		what: 'What I will do',
		timeline: 'When',
		evidenceExpected: 'What will show my progress',
		support: 'Who will help me',
		provider: 'Where or with whom',
		startDate: 'Start date',
		endDate: 'End date',
		goalIds: 'Goals',
		proficiency: 'Proficiency or skill',
		assessmentKind: 'Kind of assessment',
		level: 'Level',
		note: 'Note',
		evidenceIds: 'Evidence',
		url: 'Link',
		fileHash: 'File fingerprint',
		fileName: 'File name',
		mimeType: 'File type',
		body: 'Text',
		authorRole: 'Written by (role)',
		authorName: 'Written by (name)',
		prompt: 'Question',
		whatChanged: 'What changed',
		reflectionIds: 'Reflections that led to it',
		targetDate: 'Target date',
		plan: 'The plan',
		supports: 'Supports',
		section: 'Part of the plan'
	},
	options: {
		conference: 'PLP conference',
		'annual-review': 'Yearly review',
		'check-in': 'Check-in',
		transition: 'Transition meeting',
		other: 'Other',
		student: 'Student',
		guardian: 'Parent or guardian',
		advocate: 'Family advocate',
		advisor: 'Advisor',
		teacher: 'Teacher',
		counselor: 'Counselor',
		community: 'Community member',
		peer: 'Peer',
		'interest-inventory': 'Interest inventory',
		'career-inventory': 'Career inventory',
		baseline: 'Baseline assessment',
		secondary: 'High school goal',
		'post-secondary': 'After high school goal',
		academic: 'Learning',
		personal: 'Personal',
		career: 'Career',
		'two-year-college': 'Two-year college',
		'four-year-college': 'Four-year college',
		military: 'Military',
		certificate: 'Certificate program',
		employment: 'Work',
		short: 'Short term',
		long: 'Long term',
		'not-started': 'Not started',
		'in-progress': 'In progress',
		met: 'Reached',
		revised: 'Changed',
		stopped: 'Stopped',
		planned: 'Planned',
		doing: 'Doing now',
		done: 'Done',
		'dual-enrollment': 'Dual enrollment',
		'early-college': 'Early college',
		'blended-virtual': 'Blended or virtual learning',
		'work-based': 'Work-based learning',
		'completion-program': 'High school completion program',
		'expanded-learning': 'Expanded learning',
		'career-technical': 'Career and technical education',
		active: 'Active',
		completed: 'Completed',
		withdrawn: 'Left',
		benchmark: 'Benchmark',
		performance: 'Performance task',
		self: 'Self-assessment',
		formative: 'Check for learning',
		file: 'File',
		link: 'Link',
		journal: 'Journal entry',
		'middle-to-high': 'Middle school to high school',
		'high-to-after': 'High school to college or work',
		planning: 'Planning'
	}
} as const;

export type Messages = typeof en;
export type OptionKey = keyof Messages['options'];

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (match, key: string) =>
		key in values ? String(values[key]) : match
	);
}
