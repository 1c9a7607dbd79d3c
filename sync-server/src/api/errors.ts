/**
 * Errors the API answers with: `{ error: { code, message } }`. The code is for programs; the
 * message is for the person in front of the screen, so it says what happened and what to do.
 */
import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { ApiErrorCode } from '../../../src/lib/contracts/errors';

export class ApiError extends Error {
	override name = 'ApiError';
	constructor(
		readonly statusCode: number,
		readonly code: ApiErrorCode,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export const notSignedIn = () =>
	new ApiError(
		401,
		'not-signed-in',
		'You are not signed in, or your sign-in has ended. Please sign in again.'
	);

export const forbidden = () =>
	new ApiError(
		403,
		'forbidden',
		"You do not have permission to do this. If you think you should, ask your school's Pathways administrator."
	);

export const notFound = (what: string) =>
	new ApiError(404, 'not-found', `We could not find that ${what}. Check it and try again.`);

export function errorBody(code: ApiErrorCode, message: string) {
	return { error: { code, message } };
}

/** One validation problem in words: "password is missing", "role must be equal to one of the allowed values". */
function describeIssue(issue: FastifySchemaValidationError): string {
	const params = issue.params as Record<string, unknown>;
	if (issue.keyword === 'required') return `${String(params.missingProperty)} is missing`;
	const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'the request';
	return `${field} ${issue.message ?? 'is not valid'}`;
}

/** Installs the error handler: every failure becomes a readable JSON body (the not-found one is in static.ts). */
export function installErrorHandler(app: FastifyInstance): void {
	app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
		if (error instanceof ApiError) {
			return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
		}
		if (error.validation) {
			const problems = error.validation.map(describeIssue).join('; ');
			return reply
				.code(400)
				.send(
					errorBody(
						'invalid-request',
						`Some of the information sent is missing or not in the right form (${problems}).`
					)
				);
		}
		const status = error.statusCode ?? 500;
		if (status === 413) {
			return reply
				.code(413)
				.send(errorBody('too-large', 'What was sent is too large. Try a smaller file or text.'));
		}
		if (status >= 400 && status < 500) {
			return reply
				.code(status)
				.send(
					errorBody('bad-request', 'The request could not be understood. Reload the page and try again.')
				);
		}
		request.log.error({ err: error }, 'request failed');
		return reply
			.code(500)
			.send(
				errorBody(
					'server-error',
					'Something went wrong on the server. Try again in a minute; your work on this device is kept.'
				)
			);
	});
}
