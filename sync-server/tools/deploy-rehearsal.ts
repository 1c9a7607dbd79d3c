/**
 * A check of a district deployment from outside (docs/deploy.md): through the reverse proxy at
 * PATHWAYS_URL (https://…), sign in twice, open one plan on two sockets (nginx spreads them over
 * the processes), type on one and see it on the other; then five wrong passwords for one name
 * and the sixth and seventh refused, whichever process each attempt reached. Prints what it saw; exits 1 on a
 * failure. `PATHWAYS_URL=https://pathways.example.org npx tsx sync-server/tools/deploy-rehearsal.ts`
 * (NODE_TLS_REJECT_UNAUTHORIZED=0 for a self-signed certificate).
 */
import { connectClient, destroyClients, synced, waitFor } from '../test/harness';

const base = process.env.PATHWAYS_URL ?? 'https://127.0.0.1:8443';
const password = process.env.PATHWAYS_DEMO_PASSWORD ?? 'maple-ridge-demo';

async function signIn(username: string, secret: string): Promise<{ status: number; token?: string }> {
	const response = await fetch(`${base}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: secret })
	});
	const body = (await response.json()) as { token?: string };
	return { status: response.status, token: body.token };
}

async function main(): Promise<void> {
	const amara = await signIn('amara', password);
	const rivera = await signIn('rivera', password);
	if (!amara.token || !rivera.token) throw new Error(`sign-in failed: ${amara.status} ${rivera.status}`);
	const sync = `${base.replace(/^http/, 'ws')}/sync`;
	const one = connectClient(sync, 'plan.demo-amara', amara.token);
	const two = connectClient(sync, 'plan.demo-amara', rivera.token);
	try {
		await Promise.all([synced(one), synced(two)]);
		const mark = `rehearsal ${new Date().toISOString()}`;
		one.doc.getArray<string>('rehearsal').push([mark]);
		await waitFor(
			() => two.doc.getArray<string>('rehearsal').toArray().includes(mark),
			'the edit on the other socket'
		);
		console.log(`relay through the proxy: an edit on one socket reached the other (${mark})`);
	} finally {
		destroyClients(one, two);
	}
	// A name nobody has, new on every run: unknown names are counted like real ones.
	const username = `rehearsal-${Date.now()}`;
	const statuses: number[] = [];
	for (let i = 0; i < 7; i++) statuses.push((await signIn(username, `wrong-${i}`)).status);
	console.log(`sign-in attempts for one name through the proxy: ${statuses.join(' ')}`);
	if (statuses.slice(0, 5).some((s) => s !== 401) || statuses.slice(5).some((s) => s !== 429)) {
		throw new Error('expected five 401, then 429');
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`Failed: ${(error as Error).message}`);
		process.exit(1);
	}
);
