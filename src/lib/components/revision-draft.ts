import * as Y from 'yjs';
import { format, t } from '../messages';
import { namesIn, recordNameWords, valueWords, type Wording } from '../messages/plan-words';
import { diffPlans, type RecordChange } from '../plp/diff';
import { Plan, type PlanSnapshot } from '../plp/plan';
import { planAtRevision } from '../plp/revisions';
import { appWording } from './record-name';

/** Lines a draft lists before it says how many more there are: a draft, not the whole diff. */
const DRAFT_LINES = 10;

/** "Goals: Run a 5k", or "About me" for the parts that are one record. */
export function changeName(
	wording: Wording,
	change: RecordChange,
	sides: { before: PlanSnapshot; after: PlanSnapshot }
): string {
	if (change.section === 'profile' || change.section === 'info') return t.sections[change.section];
	const side = change.kind === 'removed' ? sides.before : sides.after;
	const list = side[change.section] as { id: string }[];
	const index = list.findIndex((r) => r.id === change.id);
	const name = index < 0 ? '' : recordNameWords(wording, change.section, list[index] as never, index);
	return `${t.sections[change.section]}: ${name}`;
}

/**
 * A first draft of a revision's "What changed", from what changed in the plan since the revision
 * before (or since the plan began): one line per added, changed or removed part, in the
 * person's language. The person edits it before saving; nothing is saved from it by itself.
 */
export function whatChangedDraft(plan: Plan): string {
	const revisions = plan.collections.revisions.list();
	const last = revisions.reduce<(typeof revisions)[number] | undefined>(
		(latest, revision) => (!latest || revision.date >= latest.date ? revision : latest),
		undefined
	);
	const before = (last && planAtRevision(plan, last.id)) || Plan.create(new Y.Doc(), plan.planId);
	const sides = { before: before.snapshot(), after: plan.snapshot() };
	const wording = appWording();
	const names = { before: namesIn(wording, sides.before), after: namesIn(wording, sides.after) };
	const changes = diffPlans(sides.before, sides.after, (section, field, value, side) =>
		valueWords(wording, section, field, value, names[side])
	);
	const lines = changes
		.slice(0, DRAFT_LINES)
		.map((change) => format(t.revision.draft[change.kind], { what: changeName(wording, change, sides) }));
	if (changes.length > DRAFT_LINES)
		lines.push(format(t.revision.draftMore, { count: changes.length - DRAFT_LINES }));
	return lines.join('\n');
}
