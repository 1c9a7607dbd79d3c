/**
 * What the demo students have written so far, by how far along their plan is. Written through the
 * plan model, exactly as the app would, so the demo shows real documents.
 */
import * as Y from 'yjs';
import { FamilyPart } from '../../../src/lib/plp/family';
import { Plan } from '../../../src/lib/plp/plan';
import type { ASSESSMENT_KINDS } from '../../../src/lib/plp/schema';
import { DEMO_SCHOOL_NAME, type DemoStudent } from './demo-school';

function writeProfile(plan: Plan, student: DemoStudent): void {
	const first = student.displayName.split(' ')[0];
	plan.profileText('strengths').insert(0, `${first} is curious and works well in a team.`);
	plan.profileText('interests').insert(0, 'Music, biology, and fixing old bikes.');
	plan.profileText('howILearn').insert(0, 'I learn best by trying things and talking them through.');
	plan.profileText('visionNear').insert(0, 'Finish high school with good grades and a summer job.');
}

function writeGoals(plan: Plan, isActive: boolean, withProgress: boolean): string {
	const goalId = plan.goals.add({
		kind: 'secondary',
		category: 'academic',
		term: 'short',
		title: 'Bring my biology grade up to a B',
		why: 'I want to study health science later.',
		measure: 'My report card in June shows a B or better.',
		byWhen: '2027-06-15',
		status: isActive ? 'in-progress' : 'not-started'
	});
	plan.steps.add({
		goalId,
		what: 'Go to help sessions on Tuesdays',
		timeline: 'Every week',
		status: 'doing'
	});
	if (!isActive) return goalId;
	const careerId = plan.goals.add({
		kind: 'post-secondary',
		category: 'two-year-college',
		term: 'long',
		title: 'Start a nursing assistant program',
		why: 'My aunt is a nurse and I like caring for people.',
		measure: 'I am accepted into a program.',
		byWhen: '2029-09-01',
		status: 'in-progress'
	});
	const pathwayId = plan.collections.pathways.add({
		kind: 'work-based',
		provider: 'Maple Ridge Clinic (fictional)',
		startDate: '2026-10-01',
		status: 'active',
		notes: 'Job shadow two afternoons a month.'
	});
	plan.collections.pathways.link(pathwayId, 'goalIds', careerId, true);
	if (withProgress) writeProgress(plan, goalId);
	else {
		// Without a framework: a check on the goal, in the student's own words.
		plan.collections.progress.add({
			date: '2026-11-01',
			goalId,
			assessmentKind: 'benchmark',
			level: '2 of 4',
			note: 'Quiz average went from D to C.'
		});
	}
	plan.collections.reflections.add({
		date: '2026-11-05',
		authorRole: 'student',
		body: 'The help sessions are working. I understand cells much better now.'
	});
	plan.collections.meetings.add({
		date: '2026-10-12',
		kind: 'conference',
		participants: [{ name: 'Lucia Rivera', role: 'advisor' }]
	});
	return goalId;
}

type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/**
 * Progress checks on the demo framework (demo-framework.ts): two indicators of inquiry, rolled up on
 * the growth page, and self-direction's own level over three checks, so its chart has a line.
 */
function writeProgress(plan: Plan, goalId: string): void {
	const checks: [date: string, proficiency: string, kind: AssessmentKind, level: string, note: string][] = [
		['2026-09-20', 'MR-INQ.1', 'baseline', '1', 'My first lab question could not be tested yet.'],
		['2026-09-20', 'MR-SEL', 'self', '1', 'I did not keep track of my homework.'],
		['2026-10-15', 'MR-INQ.2', 'formative', '2', 'I kept a list of my sources for the cell project.'],
		['2026-10-15', 'MR-SEL', 'self', '2', 'I use a planner now, most weeks.'],
		['2026-11-01', 'MR-INQ.1', 'benchmark', '3', 'Quiz average went from D to C.'],
		['2026-11-10', 'MR-SEL', 'self', '3', 'I asked for help before the test, not after.']
	];
	for (const [date, proficiency, assessmentKind, level, note] of checks) {
		plan.collections.progress.add({
			date,
			proficiency,
			assessmentKind,
			level,
			note,
			...(proficiency.startsWith('MR-INQ') ? { goalId } : {})
		});
	}
}

export interface DemoPlanOptions {
	/** Write progress checks on the demo framework (off when the demo school has no framework: one check on a goal then). */
	withProgress?: boolean;
}

/** The content of one demo student's two documents, as updates for the store. */
export function demoPlanContent(
	student: DemoStudent,
	{ withProgress = true }: DemoPlanOptions = {}
): { plan: Uint8Array; family: Uint8Array } {
	const planDoc = new Y.Doc();
	const plan = Plan.create(planDoc, student.planId, {
		studentName: student.displayName,
		studentId: student.id.toUpperCase(),
		school: DEMO_SCHOOL_NAME,
		grade: String(student.grade),
		startDate: '2026-09-02'
	});
	if (student.stage !== 'new') {
		writeProfile(plan, student);
		writeGoals(plan, student.stage !== 'drafting', withProgress);
	}
	if (student.stage === 'transition') {
		plan.collections.transitions.add({
			kind: 'high-to-after',
			targetDate: '2027-06-15',
			status: 'planning',
			plan: 'Apply to the community college nursing program by March.'
		});
	}
	const familyDoc = new Y.Doc();
	new FamilyPart(familyDoc).initialize();
	return { plan: Y.encodeStateAsUpdate(planDoc), family: Y.encodeStateAsUpdate(familyDoc) };
}
