import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { Plan } from '../../../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../../../src/lib/plp/revisions';
import { tokenFirstSocket } from '../../../src/lib/plp/relay-auth';
import { expect } from '../fixtures';
import { readDoc } from './school-api';

/** What a plan stores as codes and ids: choices, a linked goal, people, dates. */
export const CONTENT = {
	goal: 'Bring my biology grade up to a B',
	byWhen: '2027-06-15',
	step: 'Go to help sessions on Tuesdays',
	meetingDate: '2026-10-12',
	reflection: 'The help sessions are working.',
	reflectionDate: '2026-11-05'
} as const;

/** Writes a first year's content into a plan through the relay, as the student's own device would. */
export async function writePlanContent(baseURL: string, token: string, planId: string): Promise<void> {
	await changePlan(
		baseURL,
		token,
		planId,
		(plan) => {
			const goalId = plan.goals.add({
				kind: 'secondary',
				category: 'academic',
				term: 'short',
				title: CONTENT.goal,
				byWhen: CONTENT.byWhen,
				status: 'in-progress'
			});
			plan.steps.add({ goalId, what: CONTENT.step, status: 'doing' });
			const pathwayId = plan.collections.pathways.add({
				kind: 'work-based',
				provider: 'Clinic',
				status: 'active'
			});
			plan.collections.pathways.link(pathwayId, 'goalIds', goalId, true);
			plan.collections.meetings.add({
				date: CONTENT.meetingDate,
				kind: 'conference',
				participants: [{ name: 'Lucia Rivera', role: 'advisor' }]
			});
			plan.collections.reflections.add({
				date: CONTENT.reflectionDate,
				authorRole: 'student',
				body: CONTENT.reflection
			});
		},
		(plan) => plan.goals.list().length === 1
	);
}

/**
 * Changes a plan through the relay, as a person's device would, and waits until the relay has
 * stored the change (`isStored` says when a fresh read shows it).
 */
export async function changePlan(
	baseURL: string,
	token: string,
	planId: string,
	change: (plan: Plan) => void,
	isStored: (plan: Plan) => boolean
): Promise<void> {
	const name = `plan.${planId}`;
	const stored = await readDoc(baseURL, token, name);
	const doc = new Y.Doc(PLAN_DOC_OPTIONS);
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored));
	const before = Y.encodeStateVector(doc);
	change(Plan.open(doc).plan);
	const update = Y.encodeStateAsUpdate(doc, before);

	const socket = new (tokenFirstSocket(WebSocket, () => token))(
		`${baseURL.replace(/^http/, 'ws')}/sync/${name}`
	);
	await new Promise<void>((resolve, reject) => {
		socket.on('error', reject);
		socket.on('open', () => {
			const message = encoding.createEncoder();
			encoding.writeVarUint(message, 0);
			syncProtocol.writeUpdate(message, update);
			socket.send(encoding.toUint8Array(message), (error) => (error ? reject(error) : resolve()));
		});
	});
	// Stored before anyone reads it: the relay commits, then answers the next reader.
	await expect.poll(async () => isStored(Plan.open(await readDoc(baseURL, token, name)).plan)).toBe(true);
	socket.close();
}
