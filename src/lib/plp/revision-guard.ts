/**
 * A recorded revision is never changed or removed: a correction is a new revision. The app does
 * not offer it; this check lets the relay refuse an update that does it anyway (an old app, a
 * broken or hostile client). No Svelte: the relay and the tests use it as it is.
 *
 * It reads the update's structs and delete set (`Y.decodeUpdate`), never applies it, so the cost
 * is a walk over what the update holds plus a few look-ups in the document's struct store:
 * - a new item whose parent (named, or the parent of the item it was inserted next to) is a
 *   revision record or anything inside one changes that revision;
 * - a deletion of an item that is a revision record or inside one (and not deleted already)
 *   changes or removes that revision;
 * - a new revision record (a new element of the `revisions` list, with everything inside it) is fine.
 * Items the update names but neither the document nor the update holds: a deletion of one is
 * refused (it would wait in the document and apply to whatever arrives later under that id); a
 * new item next to one waits in the document until that item arrives, which is checked then.
 *
 * `earlier` are updates accepted but not yet applied (the relay applies after its group commit):
 * what they add counts as being in the document, so an edit of a revision recorded in the same
 * turn is refused too.
 */
import * as Y from 'yjs';

/** The root list revision records live in (`PLAN_COLLECTIONS.revisions`). */
export const REVISIONS_LIST = 'revisions';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate['structs'][number];
type ItemOf = InstanceType<typeof Y.Item>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its parents so
type AnyType = Y.AbstractType<any>;

/** What a checked update does to the recorded revisions: `null` when it leaves them as they were. */
export type RevisionChange = null | 'changes-revision' | 'removes-revision' | 'unknown-deletion';

/** Whether `update` changes or removes a revision recorded in `doc` (or in `earlier`). */
export function revisionChange(
	doc: Y.Doc,
	update: Uint8Array | DecodedUpdate,
	earlier: readonly DecodedUpdate[] = []
): RevisionChange {
	const decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
	const revisions = doc.share.get(REVISIONS_LIST) ?? null;
	// Nothing recorded anywhere yet: no new item can change a revision (a young plan's common case).
	const isProtecting = hasRevisions(revisions) || earlier.some(addsRevision);
	const lookup = new Lookup(doc, revisions, decoded, earlier);
	for (const struct of isProtecting ? decoded.structs : []) {
		if (!(struct instanceof Y.Item)) continue;
		if (lookup.isKnown(struct.id.client, struct.id.clock + struct.length - 1)) continue; // a repeat
		const parent = lookup.parentOfNew(struct);
		if (parent === null || ('from' in parent && parent.from === 'this')) continue;
		if (lookup.isInRevision(parent)) return 'changes-revision';
	}
	for (const [client, ranges] of decoded.ds.clients) {
		for (const { clock, len } of ranges) {
			const verdict = lookup.deletion(client, clock, len);
			if (verdict !== null) return verdict;
		}
	}
	return null;
}

function hasRevisions(type: AnyType | null): boolean {
	return type !== null && type._start !== null;
}

function addsRevision(update: DecodedUpdate): boolean {
	return update.structs.some(
		(struct) => struct instanceof Y.Item && (struct.parent as unknown) === REVISIONS_LIST
	);
}

/** An item found by id: in the document (a real, integrated item) or in a decoded update. */
type Found = { from: 'doc'; item: ItemOf } | { from: 'earlier' | 'this'; item: ItemOf };

/** The parent an item has or would have: a root type by name, or the item holding the parent type. */
type Parent = { root: string } | Found;

class Lookup {
	readonly #earlier: StructIndex[];
	#this: StructIndex | null = null;

	constructor(
		private readonly doc: Y.Doc,
		private readonly revisions: AnyType | null,
		private readonly update: DecodedUpdate,
		earlier: readonly DecodedUpdate[]
	) {
		this.#earlier = earlier.map((one) => new StructIndex(one.structs));
	}

	/** Whether the document already holds this id (so the update repeats it). */
	isKnown(client: number, clock: number): boolean {
		return clock < Y.getState(this.doc.store, client);
	}

	find(id: Y.ID): Found | null {
		if (this.isKnown(id.client, id.clock)) {
			const struct = Y.getItem(this.doc.store, id) as Struct;
			return struct instanceof Y.Item ? { from: 'doc', item: struct } : null;
		}
		const struct = this.findNew(id);
		return struct !== null && struct.struct instanceof Y.Item
			? { from: struct.from, item: struct.struct }
			: null;
	}

	/** The struct (item, deleted range or gap) of an update not yet applied that holds this id. */
	findNew(id: Y.ID): { from: 'earlier' | 'this'; struct: Struct } | null {
		for (const index of this.#earlier) {
			const struct = index.find(id);
			if (struct) return { from: 'earlier', struct };
		}
		this.#this ??= new StructIndex(this.update.structs);
		const struct = this.#this.find(id);
		return struct ? { from: 'this', struct } : null;
	}

	/** The parent of an item of an update (not yet integrated), or null while it cannot be known. */
	parentOfNew(item: ItemOf, depth = 0): Parent | null {
		const parent = item.parent as unknown;
		if (typeof parent === 'string') return { root: parent };
		if (parent instanceof Y.ID) return this.find(parent);
		// Placed next to another item: same parent as that one (left first, as Yjs integrates it).
		const next = item.origin ?? item.rightOrigin;
		const neighbour = next ? this.find(next) : null;
		if (neighbour === null || depth > 64) return null;
		return this.parentOf(neighbour, depth + 1);
	}

	parentOf(found: Found, depth = 0): Parent | null {
		if (found.from !== 'doc') return this.parentOfNew(found.item, depth);
		const type = found.item.parent as AnyType | null;
		if (type === null) return null;
		if (type._item === null) return { root: Y.findRootTypeKey(type) };
		return { from: 'doc', item: type._item };
	}

	/** Whether this parent is a revision record or inside one (so a child of it changes a revision). */
	isInRevision(parent: Parent): boolean {
		if ('root' in parent) return false;
		return this.isRevisionOrInside(parent);
	}

	/** Whether an item is a revision record itself or anything inside one. */
	isRevisionOrInside(found: Found): boolean {
		if (found.from === 'doc') return this.#isRevisionOrInsideDoc(found.item);
		let current: Found = found;
		for (let depth = 0; depth < 64; depth++) {
			const parent = this.parentOf(current, depth);
			if (parent === null) return false;
			if ('root' in parent) return parent.root === REVISIONS_LIST;
			if (parent.from === 'doc') return this.#isRevisionOrInsideDoc(parent.item);
			current = parent;
		}
		return false;
	}

	#isRevisionOrInsideDoc(item: ItemOf): boolean {
		if (this.revisions === null) return false;
		let type = item.parent as AnyType | null;
		while (type !== null) {
			if (type === this.revisions) return true;
			const holder: ItemOf | null = type._item;
			if (holder === null) return false;
			type = holder.parent as AnyType | null;
		}
		return false;
	}

	/** What deleting `len` ids from `clock` on does to the revisions. */
	deletion(client: number, clock: number, len: number): RevisionChange {
		const end = clock + len;
		const known = Math.min(end, Y.getState(this.doc.store, client));
		if (clock < known) {
			const structs = this.doc.store.clients.get(client)!;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
				const struct = structs[i]! as Struct;
				if (struct.id.clock >= known) break;
				if (!(struct instanceof Y.Item) || struct.deleted) continue;
				if (this.#isRevisionOrInsideDoc(struct)) {
					return struct.parent === this.revisions ? 'removes-revision' : 'changes-revision';
				}
			}
		}
		for (let at = Math.max(clock, known); at < end;) {
			const found = this.findNew(Y.createID(client, at));
			if (found === null || found.struct instanceof Y.Skip) return 'unknown-deletion';
			const { from, struct } = found;
			if (from === 'earlier' && struct instanceof Y.Item && this.isRevisionOrInside({ from, item: struct })) {
				const parent = this.parentOfNew(struct);
				return parent !== null && 'root' in parent ? 'removes-revision' : 'changes-revision';
			}
			at = struct.id.clock + struct.length;
		}
		return null;
	}
}

/** Items of one decoded update by client, for finding the one that holds an id. */
class StructIndex {
	readonly #byClient = new Map<number, Struct[]>();

	constructor(structs: readonly Struct[]) {
		for (const struct of structs) {
			const list = this.#byClient.get(struct.id.client);
			if (list) list.push(struct);
			else this.#byClient.set(struct.id.client, [struct]);
		}
		for (const list of this.#byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	}

	find(id: Y.ID): Struct | null {
		const list = this.#byClient.get(id.client);
		if (!list) return null;
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const mid = (low + high) >> 1;
			const struct = list[mid]!;
			if (id.clock < struct.id.clock) high = mid - 1;
			else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
			else return struct;
		}
		return null;
	}
}
