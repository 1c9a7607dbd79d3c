import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { DEMO_PASSWORD, expect } from '../fixtures';
import { apiToken } from './session';
import { tokenFirstSocket } from '../../../src/lib/plp/relay-auth';

/**
 * Test set-up through the school's API, the way an admin's or advisor's device would call it. Each
 * test that changes a plan makes its own student, so the demo plans other specs read stay as seeded.
 */
export async function callApi<T>(
	baseURL: string,
	token: string | undefined,
	method: string,
	route: string,
	body?: unknown
): Promise<{ status: number; json: T }> {
	const response = await fetch(baseURL + route, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

export interface NewStudent {
	studentId: string;
	planId: string;
	username: string;
	displayName: string;
}

/** Reads a document as the relay has stored it, as a signed-in person (its sync step 2 to an empty state). */
export async function readDoc(baseURL: string, token: string, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const url = `${baseURL.replace(/^http/, 'ws')}/sync/${name}`;
	const socket = new (tokenFirstSocket(WebSocket, () => token))(url);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no answer from the relay for ${name}`)), 10_000);
		socket.on('error', reject);
		socket.on('open', () => {
			const step1 = encoding.createEncoder();
			encoding.writeVarUint(step1, 0);
			syncProtocol.writeSyncStep1(step1, doc);
			socket.send(encoding.toUint8Array(step1));
		});
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== 0) return;
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
			clearTimeout(timer);
			resolve();
		});
	});
	socket.close();
	return doc;
}

/**
 * A new student (password: the demo one) in these staff members' caseloads (the demo advisor
 * Lucia Rivera's unless told). The server writes their plan, pre-filled, when the account is made.
 */
export async function createStudent(
	baseURL: string,
	username: string,
	displayName: string,
	staffIds: string[] = ['demo-rivera']
): Promise<NewStudent> {
	const admin = await apiToken(baseURL, 'admin');
	const created = await callApi<{ user: { id: string }; planId: string }>(
		baseURL,
		admin,
		'POST',
		'/api/users',
		{
			username,
			displayName,
			password: DEMO_PASSWORD,
			role: 'student',
			grade: 9
		}
	);
	expect(created.status).toBe(201);
	const studentId = created.json.user.id;
	for (const staffId of staffIds) {
		const caseload = await callApi(baseURL, admin, 'PUT', '/api/caseloads', { staffId, studentId });
		expect(caseload.status).toBe(200);
	}
	const planId = created.json.planId;
	return { studentId, planId, username, displayName };
}

/** A new advisor or admin of the demo school (password: the demo one); returns their user id. */
export async function createStaff(
	baseURL: string,
	username: string,
	displayName: string,
	role: 'staff' | 'admin'
): Promise<string> {
	const admin = await apiToken(baseURL, 'admin');
	const created = await callApi<{ user: { id: string } }>(baseURL, admin, 'POST', '/api/users', {
		username,
		displayName,
		password: DEMO_PASSWORD,
		role
	});
	expect(created.status).toBe(201);
	return created.json.user.id;
}

/** Sets a person's language on their account, which wins over the device's at sign-in. */
export async function setAccountLanguage(baseURL: string, username: string, language: string): Promise<void> {
	const token = await apiToken(baseURL, username);
	const response = await callApi(baseURL, token, 'PUT', '/api/me/language', { language });
	expect(response.status).toBe(204);
}

/** A family invite code for a student, created by their advisor. */
export async function createInvite(baseURL: string, studentId: string): Promise<string> {
	const advisor = await apiToken(baseURL, 'rivera');
	const invite = await callApi<{ code: string }>(baseURL, advisor, 'POST', '/api/invites', { studentId });
	expect(invite.status).toBe(201);
	return invite.json.code;
}

/** A guardian account made by redeeming an invite through the API (password: the demo one). */
export async function createGuardian(
	baseURL: string,
	student: NewStudent,
	username: string,
	displayName: string
): Promise<void> {
	const code = await createInvite(baseURL, student.studentId);
	const joined = await callApi<{ token: string }>(baseURL, undefined, 'POST', '/api/invites/redeem', {
		code,
		username,
		displayName,
		password: DEMO_PASSWORD
	});
	expect(joined.status).toBe(201);
}

const FRAMEWORK_DIR = path.join(
	import.meta.dirname,
	'..',
	'..',
	'..',
	'sync-server',
	'test',
	'fixtures',
	'proficiencies'
);

/** Uploads the example proficiency framework (the same files the roster spec uses, so it is one version). */
export async function uploadFramework(baseURL: string): Promise<void> {
	const admin = await apiToken(baseURL, 'admin');
	const files = Object.fromEntries(
		['proficiencies.csv', 'scales.csv'].map((name) => [
			name,
			readFileSync(path.join(FRAMEWORK_DIR, name), 'utf8')
		])
	);
	const report = await callApi<{ problems: unknown[] }>(baseURL, admin, 'POST', '/api/proficiencies', {
		format: 'csv',
		files,
		dryRun: false
	});
	expect(report.status).toBe(200);
	expect(report.json.problems).toEqual([]);
}
