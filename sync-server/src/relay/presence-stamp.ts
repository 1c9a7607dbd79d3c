/**
 * Presence (Yjs awareness) says who is in a plan now, so the relay, not the client, says who
 * each one is: every state a connection announces gets `user` replaced by the signed-in identity
 * (id, name, role or staff title, and whether they may edit the plan), whatever the client
 * claimed. Other fields (a cursor, say) pass through. A client id already announced by another
 * connection is dropped, so nobody can overwrite or remove someone else's presence.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Connection } from './connection';

/** The identity shown for a connection; the shape the app reads (src/lib/sync/plan-sync.svelte.ts). */
export interface PresenceUser {
	id: string;
	name: string;
	role: string;
	canEditPlan: boolean;
}

export function presenceUserOf(conn: Connection): PresenceUser {
	const { principal } = conn;
	return {
		id: principal.userId,
		name: principal.displayName,
		role: principal.staffTitle ?? principal.role,
		canEditPlan: conn.target.kind === 'plan' && conn.access === 'write'
	};
}

/**
 * The awareness update `conn` sent, with each state stamped; null when nothing is left. The
 * update was validated by the protocol decoder, so reading it here cannot fail half-way.
 */
export function stampPresence(
	update: Uint8Array,
	conn: Connection,
	others: Iterable<Connection>
): Uint8Array | null {
	const taken = new Set<number>();
	for (const other of others) {
		if (other !== conn) for (const id of other.awarenessClients) taken.add(id);
	}
	const user = presenceUserOf(conn);
	const decoder = decoding.createDecoder(update);
	const kept: { clientId: number; clock: number; state: string }[] = [];
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = stamp(decoding.readVarString(decoder), user);
		if (state !== null && !taken.has(clientId)) kept.push({ clientId, clock, state });
	}
	if (kept.length === 0) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const entry of kept) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}

/** The state with `user` replaced; 'null' (a client leaving) stays; anything but an object is dropped. */
function stamp(json: string, user: PresenceUser): string | null {
	let state: unknown;
	try {
		state = JSON.parse(json);
	} catch {
		return null;
	}
	if (state === null) return 'null';
	if (typeof state !== 'object' || Array.isArray(state)) return null;
	return JSON.stringify({ ...state, user });
}
