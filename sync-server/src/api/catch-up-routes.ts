/**
 * `POST /api/sync/catch-up` (application/octet-stream, lib0 encoding in
 * src/lib/contracts/catch-up-format.ts): state vectors in, missing updates out, for every document the
 * device names and the caller may read. Audited like opening a document, at most once per user,
 * document and minute.
 */
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/access-resolver';
import { catchUp } from '../plans/catch-up';
import { AuditThrottle } from '../relay/audit-throttle';
import {
	decodeCatchUpRequest,
	encodeCatchUpResponse,
	MAX_CATCH_UP_DOCS
} from '../../../src/lib/contracts/catch-up-format';
import { requireCaller } from './authenticate';
import type { ApiContext } from './context';
import { ApiError } from './errors';

/** A state vector per document and a digest: a thousand documents fit easily. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function registerCatchUpRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const audit = new AuditThrottle(ctx.audit);
	app.register(async (scope) => {
		scope.addContentTypeParser(
			'application/octet-stream',
			{ parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
			(_request, body, done) => done(null, body)
		);
		scope.post('/api/sync/catch-up', async (request, reply) => {
			const caller = requireCaller(ctx, request);
			if (!(request.body instanceof Uint8Array)) throw badRequest('expected application/octet-stream');
			let requests;
			try {
				requests = decodeCatchUpRequest(request.body);
			} catch (error) {
				throw badRequest(error instanceof Error ? error.message : String(error));
			}
			const principal = principalOf(caller.user, caller.sessionId);
			const answers = await catchUp(requests, {
				store: ctx.docs,
				accessTo: (kind, planId) => ctx.resolver.accessTo(principal, kind, planId),
				onDocument(kind, planId, outcome) {
					if (outcome === 'read') audit.record(caller.user.id, kind, planId, 'open', 'device copy');
					else audit.record(caller.user.id, kind, planId, 'denied', 'no access to this document');
				}
			});
			return reply.type('application/octet-stream').send(Buffer.from(encodeCatchUpResponse(answers)));
		});
	});
}

function badRequest(detail: string): ApiError {
	return new ApiError(
		400,
		'bad-catch-up-request',
		`The list of documents to bring up to date could not be read (${detail}). At most ${MAX_CATCH_UP_DOCS} documents per request.`
	);
}
