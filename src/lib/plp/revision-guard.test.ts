import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Plan } from './plan';
import { revisionChange, type DecodedUpdate } from './revision-guard';
import { PLAN_DOC_OPTIONS, recordRevision } from './revisions';

/** A server's copy and a device's copy of one plan, the device in sync with the server. */
function pair(withRevision = true) {
	const device = Plan.create(new Y.Doc(PLAN_DOC_OPTIONS), 'guard', {
		studentName: 'Noor',
		startDate: '2026-09-01'
	});
	const goalId = device.goals.add({ title: 'Learn guitar', measure: 'Play one song' });
	const reflectionId = device.collections.reflections.add({
		date: '2026-10-01',
		body: 'I practised every day'
	});
	const revisionId = withRevision
		? recordRevision(device, { whatChanged: 'First plan', why: 'Start of year', date: '2026-10-02' })
		: '';
	const server = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.applyUpdate(server, Y.encodeStateAsUpdate(device.doc));
	return { device, server, goalId, reflectionId, revisionId };
}

/** What the device sends for one change (one transaction's update). */
function sent(doc: Y.Doc, change: () => void): Uint8Array {
	let update: Uint8Array | null = null;
	const take = (u: Uint8Array) => (update = u);
	doc.on('update', take);
	change();
	doc.off('update', take);
	if (update === null) throw new Error('the change made no update');
	return update;
}

describe('revisionChange', () => {
	it('lets a new revision and edits of other parts through', () => {
		const { device, server, goalId } = pair();
		const edit = sent(device.doc, () => device.goals.text(goalId, 'measure').insert(0, 'Really '));
		expect(revisionChange(server, edit)).toBeNull();
		Y.applyUpdate(server, edit);
		const second = sent(device.doc, () =>
			recordRevision(device, { whatChanged: 'More music', why: 'I love it', date: '2027-01-10' })
		);
		expect(revisionChange(server, second)).toBeNull();
		const removeGoal = sent(device.doc, () => device.goals.remove(goalId));
		expect(revisionChange(server, removeGoal)).toBeNull();
	});

	it('lets the first revision of a plan through', () => {
		const { device, server } = pair(false);
		const first = sent(device.doc, () => recordRevision(device, { whatChanged: 'First plan', why: 'Start' }));
		expect(revisionChange(server, first)).toBeNull();
	});

	it('refuses an edit of a revision’s text, date, links or people', () => {
		const { device, server, revisionId, reflectionId } = pair();
		type Revisions = Plan['collections']['revisions'];
		const edits: [string, (revisions: Revisions) => void][] = [
			['text', (r) => r.text(revisionId, 'whatChanged').insert(0, 'Not the ')],
			['text removed', (r) => r.text(revisionId, 'why').delete(0, 5)],
			['date', (r) => r.set(revisionId, 'date', '2026-01-01')],
			['link', (r) => r.link(revisionId, 'reflectionIds', reflectionId, true)],
			['person', (r) => r.addPerson(revisionId, 'participants', { name: 'Sam', role: 'advisor' })],
			['snapshot', (r) => r.set(revisionId, 'snapshot', '')]
		];
		for (const [what, edit] of edits) {
			// Each edit on its own copy of the device, so every one starts from the recorded revision.
			const copy = new Y.Doc(PLAN_DOC_OPTIONS);
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(device.doc));
			const plan = Plan.read(copy);
			const update = sent(copy, () => edit(plan.collections.revisions));
			expect(revisionChange(server, update), what).toBe('changes-revision');
		}
	});

	it('refuses removing a revision', () => {
		const { device, server, revisionId } = pair();
		const update = sent(device.doc, () => device.collections.revisions.remove(revisionId));
		expect(revisionChange(server, update)).toBe('removes-revision');
	});

	it('refuses a whole-state sync answer that carries an edit of a revision, and passes one that does not', () => {
		const { device, server, revisionId, goalId } = pair();
		device.goals.text(goalId, 'title').insert(0, 'Really ');
		expect(revisionChange(server, Y.encodeStateAsUpdate(device.doc))).toBeNull();
		device.collections.revisions.text(revisionId, 'whatChanged').insert(0, 'x');
		expect(revisionChange(server, Y.encodeStateAsUpdate(device.doc))).toBe('changes-revision');
	});

	it('does not count deletions the document already holds', () => {
		// A revision removed before the relay checked: every later sync answer repeats that deletion.
		const { device, server, revisionId } = pair();
		Y.applyUpdate(
			server,
			sent(device.doc, () => device.collections.revisions.remove(revisionId))
		);
		expect(revisionChange(server, Y.encodeStateAsUpdate(device.doc))).toBeNull();
	});

	it('refuses an edit of a revision recorded in an update not applied yet', () => {
		const { device, server } = pair(false);
		let revisionId = '';
		const first = sent(device.doc, () => {
			revisionId = recordRevision(device, { whatChanged: 'First plan', why: 'Start' });
		});
		const edit = sent(device.doc, () =>
			device.collections.revisions.text(revisionId, 'why').insert(0, 'A new ')
		);
		const earlier: DecodedUpdate[] = [Y.decodeUpdate(first)];
		expect(revisionChange(server, first)).toBeNull();
		expect(revisionChange(server, edit, earlier)).toBe('changes-revision');
		const removal = sent(device.doc, () => device.collections.revisions.remove(revisionId));
		expect(revisionChange(server, removal, earlier)).toBe('removes-revision');
		expect(revisionChange(server, removal, [])).toBe('unknown-deletion');
	});

	it('refuses deleting ids nobody holds, which would wait for whatever arrives under them', () => {
		const { server } = pair();
		const stranger = new Y.Doc(PLAN_DOC_OPTIONS);
		stranger.clientID = 424242;
		stranger.getArray('revisions').push(['x']);
		stranger.getArray('revisions').delete(0, 1);
		const onlyDeletion = Y.encodeStateAsUpdate(stranger, Y.encodeStateVector(stranger));
		const full = Y.encodeStateAsUpdate(stranger);
		expect(revisionChange(server, full)).toBeNull(); // the item and its deletion together: nothing recorded
		expect(revisionChange(server, onlyDeletion)).toBe('unknown-deletion');
	});
});
