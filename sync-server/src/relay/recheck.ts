/**
 * Re-asks the resolver about one live connection after a right changed. Losing the right closes
 * the socket now; a change between read and write takes effect on the next message, in place.
 */
import { canRead } from '../../../src/lib/plp/access';
import type { AccessResolver } from '../contracts';
import { CloseCode } from './close-codes';
import type { Connection } from './connection';

export function recheckConnection(conn: Connection, resolver: AccessResolver): void {
	if (conn.isClosed) return;
	const principal = resolver.authenticate(conn.token);
	if (principal === null) {
		conn.close(CloseCode.unauthorized, 'your session ended: sign in again');
		return;
	}
	const access = resolver.accessTo(principal, conn.target.kind, conn.target.planId);
	if (!canRead(access)) {
		conn.close(CloseCode.forbidden, 'your access to this document was removed');
		return;
	}
	conn.access = access;
}
