/**
 * Sends the changes made offline in plans that are not open any more: for each plan the list
 * marks "not sent to the school yet", its writable documents connect (the usual y-websocket sync
 * with confirmations, 0004) until the relay's state vector covers every local change, then close.
 * Only those few plans open sockets; the rest of a caseload comes down through catch-up.
 */
import { docName, type Access, type DocKind } from '../plp/access';
import { openLocalDoc } from '../local/plan-storage';
import { DocSync } from './doc-sync';

export interface WaitingPlan {
	planId: string;
	access: { plan: Access; family: Access };
}

/** Resolves with the ids of the plans whose every change the school has confirmed. */
export async function sendWaitingChanges(
	token: string,
	plans: readonly WaitingPlan[],
	timeoutMs = 30_000
): Promise<string[]> {
	const results = await Promise.all(plans.map((plan) => sendPlan(token, plan, timeoutMs)));
	return plans.filter((_, i) => results[i]).map((plan) => plan.planId);
}

async function sendPlan(token: string, plan: WaitingPlan, timeoutMs: number): Promise<boolean> {
	const kinds = (['plan', 'family'] as const).filter((kind) => plan.access[kind] === 'write');
	const locals = kinds.map((kind: DocKind) => openLocalDoc(kind, plan.planId));
	const syncs: DocSync[] = [];
	try {
		await Promise.all(locals.map((local) => local.load()));
		return await new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), timeoutMs);
			const check = () => {
				if (syncs.length < locals.length) return;
				if (syncs.every((s) => s.isSynced && s.hasServerStateVector && s.confirmations.count === 0)) {
					clearTimeout(timer);
					resolve(true);
				}
			};
			const give = () => {
				clearTimeout(timer);
				resolve(false);
			};
			locals.forEach((local, i) => {
				const kind = kinds[i]!;
				syncs.push(
					new DocSync(local.doc, docName(kind, plan.planId), token, {
						onChange: check,
						onClosed: give, // signed out or no access: the changes stay on the device
						onRefused: give,
						onTooManyConnections: () => undefined // the provider retries by itself
					})
				);
			});
			check();
		});
	} finally {
		for (const sync of syncs) sync.destroy();
		await Promise.all(locals.map((local) => local.whenSaved().then(() => local.close())));
	}
}
