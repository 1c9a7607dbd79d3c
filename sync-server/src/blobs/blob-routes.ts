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
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isPlanId } from '../../../src/lib/plp/access';
import { detectFileType, isBlobHash, SNIFF_BYTES, type DetectedType } from '../../../src/lib/plp/file-types';
import { principalOf } from '../auth/access-resolver';
import { requireCaller, requireReader, type Caller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, errorBody, forbidden, notFound } from '../api/errors';
import type { BlobStore } from './blob-store';

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

export function registerBlobRoutes(app: FastifyInstance, ctx: ApiContext, blobs: BlobStore): void {
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

				if (blobs.isLinked(planId, hash)) return { received: total, isComplete: true };
				const received = blobs.receivedBytes(planId, hash);
				if (blobs.isFinishing(planId, hash) || offset !== received) return wrongOffset(reply, received);
				const chunk = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
				if (offset + chunk.length > total) {
					throw new ApiError(400, 'too-much-data', 'More was sent than the size of the file. Try again.');
				}
				// An empty chunk proves nothing and changes nothing.
				if (chunk.length === 0 && offset < total) return { received, isComplete: false };
				if (offset === 0) acceptedType(chunk.subarray(0, SNIFF_BYTES), request.query.type ?? '');
				const now = blobs.appendChunk(planId, hash, offset, chunk);
				if (now < total) return { received: now, isComplete: false };

				const detected = acceptedType(readHead(blobs.partialPath(planId, hash)), request.query.type ?? '');
				if (!(await blobs.finish(planId, hash, detected.mimeType))) {
					throw new ApiError(
						422,
						'hash-mismatch',
						'The file arrived damaged (it does not match its fingerprint). It will be sent again.'
					);
				}
				blobs.linkToPlan(planId, hash, caller.user.id);
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
			const info = blobs.isLinked(planId, hash) ? blobs.info(hash) : undefined;
			return info
				? { received: info.size, isComplete: true }
				: { received: blobs.receivedBytes(planId, hash), isComplete: false };
		}
	);

	app.get<{ Params: { hash: string } }>('/api/blobs/:hash', async (request, reply) => {
		// Also a student who left: their plan's evidence is part of reading it.
		const caller = requireReader(ctx, request);
		const { hash } = request.params;
		requireHash(hash);
		const info = blobs.info(hash);
		// Someone who may not read any plan holding the file gets the same answer as for a file
		// that does not exist: the address alone tells them nothing.
		if (!info || !blobs.plansOf(hash).some((planId) => canRead(caller, planId))) throw notFound('file');
		return reply
			.header('content-type', info.mimeType)
			.header('content-disposition', 'inline')
			.header('x-content-type-options', 'nosniff')
			.header(
				'content-security-policy',
				"default-src 'none'; media-src 'self'; img-src 'self'; style-src 'unsafe-inline'"
			)
			.send(createReadStream(blobs.pathOf(hash)));
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

function readHead(file: string): Uint8Array {
	const fd = openSync(file, 'r');
	try {
		const head = Buffer.alloc(SNIFF_BYTES);
		const read = readSync(fd, head, 0, SNIFF_BYTES, 0);
		return head.subarray(0, read);
	} finally {
		closeSync(fd);
	}
}
