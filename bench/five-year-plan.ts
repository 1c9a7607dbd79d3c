/**
 * A plan with five years of realistic activity: ~40 goals, 250 action steps, 300 progress entries,
 * 80 reflections and 20,000 small text edits made over many sessions by the student, advisors and
 * family on different devices (each session a new Yjs client, as on a real device).
 */
import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';
import { ASSESSMENT_KINDS, GOAL_CATEGORIES, PROFILE_FIELDS } from '../src/lib/plp/schema';
import { pick, seededRandom, type Random } from '../src/lib/testing/random-edits';

const SENTENCES = [
	'I want to get better at reading long books. ',
	'My advisor helped me find an internship at the clinic. ',
	'I finished the welding unit and showed my project. ',
	'Next year I will take a dual enrollment class. ',
	'I learned that I work best in the morning. ',
	'We talked about college visits and money for school. '
];

export interface FiveYearPlan {
	doc: Y.Doc;
	textEdits: number;
	counts: Record<string, number>;
}

/** Types `count` characters (and a few backspaces) into a text, one edit at a time, like a person. */
function typeSession(random: Random, text: Y.Text, count: number): number {
	let at = Math.floor(random() * (text.length + 1));
	let edits = 0;
	const sentence = pick(random, SENTENCES);
	for (let i = 0; i < count; i++) {
		if (random() < 0.08 && at > 0) {
			text.delete(at - 1, 1);
			at--;
		} else {
			text.insert(at, sentence[i % sentence.length] as string);
			at++;
		}
		edits++;
	}
	return edits;
}

export function makeFiveYearPlan(seed = 2026): FiveYearPlan {
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	const plan = Plan.create(doc, 'bench-plan', {
		studentName: 'Bench Student',
		grade: '7',
		startDate: '2021-09-01'
	});
	return addFiveYearsOfActivity(doc, plan, seed);
}

/**
 * Writes five years of activity into a plan that already exists (e.g. a demo student's plan
 * downloaded from the server), with the same contents `makeFiveYearPlan` makes for that seed.
 */
export function addFiveYearsOfActivity(doc: Y.Doc, plan: Plan, seed = 2026, years = 5): FiveYearPlan {
	const random = seededRandom(seed);
	// A plan of fewer years (a first-year plan) has the same mix, in proportion.
	const scaled = (fiveYearCount: number) => Math.max(1, Math.round((fiveYearCount * years) / 5));
	const goals: string[] = [];
	for (let i = 0; i < scaled(40); i++) {
		goals.push(
			plan.goals.add({
				kind: i % 3 === 0 ? 'post-secondary' : 'secondary',
				category: pick(random, GOAL_CATEGORIES),
				term: i % 2 ? 'short' : 'long',
				title: `Goal ${i + 1}: ${pick(random, SENTENCES).trim()}`,
				byWhen: `202${2 + (i % 5)}-06-1${i % 9}`,
				status: i < 25 ? 'met' : 'in-progress'
			})
		);
	}
	const steps: string[] = [];
	for (let i = 0; i < scaled(250); i++)
		steps.push(plan.steps.add({ goalId: goals[i % goals.length], status: 'done' }));
	for (let i = 0; i < scaled(300); i++) {
		plan.collections.progress.add({
			date: `202${1 + (i % 5)}-0${1 + (i % 9)}-15`,
			goalId: goals[i % goals.length],
			assessmentKind: pick(random, ASSESSMENT_KINDS),
			level: String(1 + (i % 4)),
			note: pick(random, SENTENCES)
		});
	}
	const reflections: string[] = [];
	for (let i = 0; i < scaled(80); i++) {
		reflections.push(
			plan.collections.reflections.add({ date: `202${1 + (i % 5)}-05-01`, authorRole: 'student' })
		);
	}
	for (let year = 0; year < years; year++) {
		plan.collections.revisions.add({
			date: `202${2 + year}-06-01`,
			whatChanged: 'Yearly review',
			why: 'New year'
		});
		plan.collections.meetings.add({ date: `202${2 + year}-06-01`, kind: 'annual-review' });
	}

	// 20,000 edits in sessions of 20–80 keystrokes, each session from a new device client.
	const texts: Y.Text[] = [
		...PROFILE_FIELDS.map((f) => plan.profileText(f)),
		...goals.flatMap((id) => [plan.goals.text(id, 'why'), plan.goals.text(id, 'measure')]),
		...steps.map((id) => plan.steps.text(id, 'what')),
		...reflections.map((id) => plan.collections.reflections.text(id, 'body'))
	];
	let textEdits = 0;
	const totalEdits = scaled(20_000);
	while (textEdits < totalEdits) {
		doc.clientID = 1 + Math.floor(random() * 2 ** 31);
		const count = Math.min(20 + Math.floor(random() * 60), totalEdits - textEdits);
		textEdits += typeSession(random, pick(random, texts), count);
	}
	const snapshot = plan.snapshot();
	return {
		doc,
		textEdits,
		counts: {
			goals: snapshot.goals.length,
			steps: snapshot.steps.length,
			progress: snapshot.progress.length,
			reflections: snapshot.reflections.length
		}
	};
}
