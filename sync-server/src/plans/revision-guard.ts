/**
 * The relay's side of "a recorded revision is never changed" (src/lib/plp/revision-guard.ts does
 * the reading). One guard per plan document's room: it remembers the updates it let through this
 * turn, which group commit has not applied yet, so an update that edits a revision recorded a
 * moment earlier in the same turn is refused too. See docs/decisions/0083-revisions-kept-on-the-server.md.
 */
import * as Y from 'yjs';
import { revisionChange, type DecodedUpdate, type RevisionChange } from '../../../src/lib/plp/revision-guard';

/** What the person is told when the relay closes the connection (fits a close reason's 123 bytes). */
export const REVISION_KEPT_REASON = 'a recorded revision cannot be changed: your change was not saved';

export class RevisionGuard {
	/** Updates let through and waiting for this turn's commit, in order. */
	#waiting: DecodedUpdate[] = [];

	/** Why `update` may not be stored in `doc`, or null when it leaves every recorded revision as it was. */
	check(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate = Y.decodeUpdate(update)): RevisionChange {
		const verdict = revisionChange(doc, decoded, this.#waiting);
		if (verdict === null) this.#waiting.push(decoded);
		return verdict;
	}

	/** The room applied (or dropped) everything waiting: the document itself holds it now. */
	settled(): void {
		this.#waiting = [];
	}
}
