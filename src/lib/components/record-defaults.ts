import { today } from '../plp/ids';
import { AUTHOR_ROLES, type CollectionName } from '../plp/schema';
import { auth } from '../state/auth.svelte';

/**
 * What the app already knows about a new record, filled in so nobody types it: a reflection's
 * date, and who wrote it (the signed-in person's name and role). Still editable.
 */
export function newRecordValues(name: CollectionName): Record<string, string> {
	if (name !== 'reflections') return {};
	const user = auth.user;
	const role = user ? (user.staffTitle ?? (user.role === 'staff' ? 'advisor' : user.role)) : '';
	return {
		date: today(),
		...(user ? { authorName: user.displayName } : {}),
		...((AUTHOR_ROLES as readonly string[]).includes(role) ? { authorRole: role } : {})
	};
}
