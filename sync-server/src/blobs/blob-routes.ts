/**
 * Evidence files over HTTP:
 * - `PUT /api/blobs/:hash?planId=&offset=&total=&type=` one chunk (application/octet-stream) of a
 *   resumable upload; answers `{ received, isComplete }`, or 409 with `received` when the offset is
 *   not where the server is (the client continues from there);
 * - `GET /api/blobs/:hash/status?planId=` how far an upload got;
 * - `GET /api/blobs/:hash` the file, for whoever may read a plan that references it (404 otherwise).
 * Writing the plan is what allows attaching a file to it; reading it allows reading its files.
 * A file is attached by sending its bytes: a file the server holds for another plan is neither
 * announced by the status call nor linked by an empty upload (its hash could have leaked).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isPlanId } from '../../../src/lib/plp/access';
import { detectFileType, isBlobHash, SNIFF_BYTES, type DetectedType } from '../../../src/lib/plp/file-types';
import { principalOf } from '../auth/access-resolver';
import { requireCaller, requireReader, type Caller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, errorBody, forbidden, notFound } from '../api/errors';

interface UploadQuery {
	planId: string;
	offset: string;
	total: string;
	type?: string;
}

const uploadQuerySchema = {
	type: 'object',
	required: ['planId', 'offset', 'total'],
	properties: {
		planId: { type: 'string' },
		offset: { type: 'string', pattern: '^\\d{1,15}$' },
		total: { type: 'string', pattern: '^\\d{1,15}$' },
		type: { type: 'string', maxLength: 200 }
	}
} as const;

export function registerBlobRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const { blobs } = ctx;
	const limits = ctx.config.blobs;

	const canWrite = (caller: Caller, planId: string) =>
		isPlanId(planId) &&
		ctx.resolver.accessTo(principalOf(caller.user, caller.sessionId), 'plan', planId) === 'write';
	const canRead = (caller: Caller, planId: string) =>
		ctx.resolver.accessTo(principalOf(caller.user, caller.sessionId), 'plan', planId) !== 'none';

	const requireHash = (hash: string) => {
		if (!isBlobHash(hash)) throw notFound('file');
	};

	/** The type of a file from its first bytes, if it is one this server accepts. */
	const acceptedType = (head: Uint8Array, hint: string): DetectedType => {
		const detected = detectFileType(head, hint);
		if (!detected || !limits.acceptedCategories.includes(detected.category)) {
			throw new ApiError(
				415,
				'type-not-accepted',
				`This kind of file can not be added as evidence. Files accepted: ${limits.acceptedCategories.join(', ')}.`
			);
		}
		return detected;
	};

	app.register(async (scope) => {
		scope.addContentTypeParser(
			'application/octet-stream',
			{ parseAs: 'buffer', bodyLimit: limits.maxChunkBytes },
			(_request, body, done) => done(null, body)
		);

		scope.put<{ Params: { hash: string }; Querystring: UploadQuery }>(
			'/api/blobs/:hash',
			{ schema: { querystring: uploadQuerySchema } },
			async (request, reply) => {
				const caller = requireCaller(ctx, request);
				const { hash } = request.params;
				requireHash(hash);
				const { planId } = request.query;
				if (!canWrite(caller, planId)) throw forbidden();
				const offset = Number(request.query.offset);
				const total = Number(request.query.total);
				if (total > limits.maxBytes) throw tooLarge(limits.maxBytes);

				if (await blobs.isLinked(planId, hash)) return { received: total, isComplete: true };
				const chunk = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
				if (offset + chunk.length > total) {
					throw new ApiError(400, 'too-much-data', 'More was sent than the size of the file. Try again.');
				}
				// An empty chunk proves nothing and changes nothing.
				if (chunk.length === 0 && offset < total) {
					const received = await blobs.receivedBytes(planId, hash);
					return offset === received ? { received, isComplete: false } : wrongOffset(reply, received);
				}
				if (offset === 0) acceptedType(chunk.subarray(0, SNIFF_BYTES), request.query.type ?? '');
				// The store takes the chunk only where the upload is, and not while it is being
				// finished (on PostgreSQL, whichever process holds the upload's row).
				const appended = await blobs.appendChunk(planId, hash, offset, chunk);
				if (!appended.isAccepted) return wrongOffset(reply, appended.received);
				if (appended.received < total) return { received: appended.received, isComplete: false };

				const head = await blobs.readPartialHead(planId, hash, SNIFF_BYTES);
				const detected = acceptedType(head, request.query.type ?? '');
				if (!(await blobs.finish(planId, hash, detected.mimeType))) {
					throw new ApiError(
						422,
						'hash-mismatch',
						'The file arrived damaged (it does not match its fingerprint). It will be sent again.'
					);
				}
				await blobs.linkToPlan(planId, hash, caller.user.id);
				return { received: total, isComplete: true };
			}
		);
	});

	app.get<{ Params: { hash: string }; Querystring: { planId?: string } }>(
		'/api/blobs/:hash/status',
		async (request) => {
			const caller = requireCaller(ctx, request);
			const { hash } = request.params;
			requireHash(hash);
			const planId = request.query.planId ?? '';
			if (!canWrite(caller, planId)) throw forbidden();
			// Only this plan's files and uploads: whether another plan has the file is not said.
			const info = (await blobs.isLinked(planId, hash)) ? await blobs.info(hash) : undefined;
			return info
				? { received: info.size, isComplete: true }
				: { received: await blobs.receivedBytes(planId, hash), isComplete: false };
		}
	);

	app.get<{ Params: { hash: string } }>('/api/blobs/:hash', async (request, reply) => {
		// Also a student who left: their plan's evidence is part of reading it.
		const caller = requireReader(ctx, request);
		const { hash } = request.params;
		requireHash(hash);
		const info = await blobs.info(hash);
		// Someone who may not read any plan holding the file gets the same answer as for a file
		// that does not exist: the address alone tells them nothing.
		const plans = info ? await blobs.plansOf(hash) : [];
		if (!info || !plans.some((planId) => canRead(caller, planId))) throw notFound('file');
		return reply
			.header('content-type', info.mimeType)
			.header('content-disposition', 'inline')
			.header('x-content-type-options', 'nosniff')
			.header(
				'content-security-policy',
				"default-src 'none'; media-src 'self'; img-src 'self'; style-src 'unsafe-inline'"
			)
			.send(Readable.from(blobs.read(hash)));
	});
}

function wrongOffset(reply: FastifyReply, received: number) {
	return reply.code(409).send({
		...errorBody('wrong-offset', 'The upload continues from where the server is. Trying again.'),
		received
	});
}

function tooLarge(maxBytes: number): ApiError {
	const mb = Math.floor(maxBytes / (1024 * 1024));
	return new ApiError(
		413,
		'file-too-large',
		`This file is too large. The largest file you can add is ${mb} MB.`
	);
}
