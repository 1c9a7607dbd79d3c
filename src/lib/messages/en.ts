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
		downloading: 'Getting this plan from the school. It needs the internet the first time.',
		saving: 'Saving on this device…',
		saved: 'Saved on this device',
		error:
			'Not saved: this device could not store your last change. Keep this page open and free some space.',
		tooNew:
			'This plan was changed with a newer version of Pathways. You can read it, but reload the app to edit it.',
		notFound: 'This plan is not on this device.'
	},
	sync: {
		deviceOnly: 'Only on this device',
		offline: 'Offline · changes are saved on this device',
		connecting: 'Connecting to the school…',
		syncing: 'Sending changes to the school…',
		synced: 'Synced with the school',
		waiting: '{count} changes waiting to be sent',
		waitingOne: '1 change waiting to be sent',
		signedOut: 'Your sign-in has ended. Sign in again to send your changes. Nothing is lost.',
		noAccess: 'You can no longer open this plan at school. Your changes stay on this device.',
		readOnly: 'You can read this part of the plan, but not change it.',
		changeRefused: 'The school did not accept a change here, because you can only read this part.',
		cannotReach: 'The school’s server can not be reached. Check the internet connection and try again.',
		serverError: 'Something went wrong on the school’s server. Please try again in a few minutes.',
		hereNow: 'Here now:',
		you: 'you'
	},
	auth: {
		signIn: 'Sign in',
		signOut: 'Sign out',
		username: 'Username',
		password: 'Password',
		signingIn: 'Signing in…',
		signedInAs: 'Signed in as {name}',
		needOnline: 'You need the internet to sign in the first time. After that, Pathways works offline.',
		signInAgain: 'Sign in again',
		confirmSignOut:
			'Sign out and remove your plans from this device? Anything not yet sent to the school will be lost.',
		confirmSignOutUnsynced:
			'{count} of your plans have changes that have not reached the school yet. If you sign out now, those changes are lost. Sign out anyway?',
		schoolPlans: 'Your plans at school',
		devicePlans: 'Plans only on this device',
		familyInvite: 'Family member with an invite code?',
		refreshFailed: 'Could not get your list of plans from the school. Showing the plans saved on this device.'
	},
	join: {
		title: 'Join your child’s plan',
		intro:
			'The school gave you an invite code. With it you make your own Pathways account. You do not need a school account.',
		code: 'Invite code',
		yourName: 'Your name',
		chooseUsername: 'Choose a username',
		choosePassword: 'Choose a password',
		passwordHint: 'At least 8 characters. Use words you will remember.',
		submit: 'Join'
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
		staff: 'Staff',
		admin: 'School admin',
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
