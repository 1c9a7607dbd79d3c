/**
 * Voices from outside school (issue 17, part 5).
 * - `POST /api/plans/:planId/voices` `{ action, evidenceId?, guestName, guestRelation }`: the plan's
 *   student or an advisor with the plan in their caseload (whoever writes the plan) makes a
 *   one-time link; the answer holds its secret, once.
 * - `GET /api/plans/:planId/voices`: the plan's links (never their secrets), for whoever reads it
 *   as student, staff or admin.
 * - `DELETE /api/plans/:planId/voices/:linkId`: revokes a link not used yet.
 * - `POST /api/voices/open` `{ token }`: the guest, with no account, sees what the link asks.
 * - `POST /api/voices/use` `{ token, body? }`: the guest adds their reflection or confirms the
 *   evidence; the link is then used up.
 * The secret travels only in request bodies, never in a URL. Every step is in the plan's audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isPlanId } from '../../../src/lib/plp/access';
import type { NewVoiceLink, VoiceInvitation, VoiceLinkView } from '../../../src/lib/contracts/api';
import { addConfirmation, GUEST_RELATIONS } from '../../../src/lib/plp/confirmations';
import { today } from '../../../src/lib/plp/ids';
import type { Plan } from '../../../src/lib/plp/plan';
import { principalOf } from '../auth/access-resolver';
import { requireCaller } from '../api/authenticate';
import type { ApiContext } from '../api/context';
import { ApiError, forbidden, notFound } from '../api/errors';
import { tooManyAttempts } from '../api/session-routes';
import { iso } from '../api/views';
import { changePlan, storedPlan } from '../plans/plan-writes';
import { VoiceLinkStore, type VoiceLink } from './voice-links';

const MAX_REFLECTION = 5000;

const createSchema = {
	body: {
		type: 'object',
		required: ['action', 'guestName', 'guestRelation'],
		additionalProperties: false,
		properties: {
			action: { type: 'string', enum: ['reflect', 'confirm'] },
			evidenceId: { type: 'string', minLength: 1, maxLength: 100 },
			guestName: { type: 'string', minLength: 1, maxLength: 100 },
			guestRelation: { type: 'string', enum: [...GUEST_RELATIONS] }
		}
	}
} as const;

const tokenSchema = {
	body: {
		type: 'object',
		required: ['token'],
		additionalProperties: false,
		properties: {
			token: { type: 'string', minLength: 1, maxLength: 100 },
			body: { type: 'string', maxLength: MAX_REFLECTION }
		}
	}
} as const;

type CreateBody = {
	action: 'reflect' | 'confirm';
	evidenceId?: string;
	guestName: string;
	guestRelation: (typeof GUEST_RELATIONS)[number];
};

const linkClosed = (state: 'unknown' | 'used' | 'expired' | 'revoked') => {
	switch (state) {
		case 'unknown':
			return new ApiError(
				404,
				'voice-link-unknown',
				'This link does not work. Ask the student or their advisor for a new one.'
			);
		case 'used':
			return new ApiError(410, 'voice-link-used', 'This link has been used already. Each link works once.');
		case 'expired':
			return new ApiError(
				410,
				'voice-link-expired',
				'This link has expired. Ask the student or their advisor for a new one.'
			);
		case 'revoked':
			return new ApiError(410, 'voice-link-revoked', 'This link was closed by the student or their advisor.');
	}
};

export function registerVoiceRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const links = new VoiceLinkStore(ctx.db, ctx.config.voiceLinkTtlHours * 3_600_000, ctx.now);
	const guestId = (link: VoiceLink) => `voice:${link.id}`;
	const guestWords = (link: VoiceLink) => `${link.guestName} (${link.guestRelation})`;

	/** The caller's access to the plan, refusing those who may not read it as student or staff. */
	const planAccess = (request: FastifyRequest, planId: string, needsWrite: boolean) => {
		const caller = requireCaller(ctx, request);
		const rel = isPlanId(planId)
			? ctx.resolver.relationship(principalOf(caller.user, caller.sessionId), planId)
			: null;
		if (!rel || (!rel.isOwnPlan && !rel.isInCaseload && !rel.isSchoolAdmin)) {
			throw rel?.isLinkedGuardian ? forbidden() : notFound('plan');
		}
		const access = ctx.resolver.accessTo(principalOf(caller.user, caller.sessionId), 'plan', planId);
		if (needsWrite && access !== 'write') throw forbidden();
		return caller;
	};

	const evidenceTitle = (plan: Plan, evidenceId: string | null) =>
		evidenceId ? (plan.collections.evidence.get(evidenceId)?.title ?? '') : '';

	const view = (link: VoiceLink, plan: Plan): VoiceLinkView => ({
		id: link.id,
		action: link.action,
		guestName: link.guestName,
		guestRelation: link.guestRelation,
		evidenceId: link.evidenceId,
		evidenceTitle: evidenceTitle(plan, link.evidenceId),
		createdByName: link.createdByName ?? '',
		createdAt: iso(link.createdAt),
		expiresAt: iso(link.expiresAt),
		usedAt: link.usedAt === null ? null : iso(link.usedAt),
		revokedAt: link.revokedAt === null ? null : iso(link.revokedAt),
		state: links.stateOf(link)
	});

	app.post<{ Params: { planId: string }; Body: CreateBody }>(
		'/api/plans/:planId/voices',
		{ schema: createSchema },
		async (request, reply): Promise<NewVoiceLink> => {
			const { planId } = request.params;
			const caller = planAccess(request, planId, true);
			const body = request.body;
			const guestName = body.guestName.trim();
			if (!guestName) throw new ApiError(400, 'invalid-name', 'Write the name of the person you are asking.');
			const plan = await storedPlan(ctx.docs, planId);
			const evidenceId = body.action === 'confirm' ? (body.evidenceId ?? '') : null;
			if (evidenceId !== null && !plan.collections.evidence.has(evidenceId)) {
				throw new ApiError(
					400,
					'no-such-evidence',
					'Choose a piece of evidence of this plan to be confirmed.'
				);
			}
			const { link, token } = links.create({
				planId,
				action: body.action,
				evidenceId,
				guestName,
				guestRelation: body.guestRelation,
				createdBy: caller.user.id
			});
			const what =
				link.action === 'confirm'
					? `to confirm evidence “${evidenceTitle(plan, evidenceId)}”`
					: 'to add a reflection';
			ctx.audit.record({
				userId: caller.user.id,
				planId,
				docKind: 'plan',
				action: 'change',
				detail: `made a one-time link for ${guestWords(link)} ${what}`
			});
			reply.code(201);
			return { link: view(link, plan), token };
		}
	);

	app.get<{ Params: { planId: string } }>('/api/plans/:planId/voices', async (request) => {
		const { planId } = request.params;
		planAccess(request, planId, false);
		const plan = await storedPlan(ctx.docs, planId);
		return { links: links.ofPlan(planId).map((link) => view(link, plan)) };
	});

	app.delete<{ Params: { planId: string; linkId: string } }>(
		'/api/plans/:planId/voices/:linkId',
		async (request) => {
			const { planId, linkId } = request.params;
			const caller = planAccess(request, planId, true);
			const link = links.byId(linkId);
			if (!link || link.planId !== planId) throw notFound('link');
			if (!links.revoke(linkId, planId)) {
				throw new ApiError(
					409,
					'voice-link-closed',
					'This link is closed already: it was used, or closed before.'
				);
			}
			ctx.audit.record({
				userId: caller.user.id,
				planId,
				docKind: 'plan',
				action: 'change',
				detail: `closed the one-time link for ${guestWords(link)}`
			});
			return { link: view(links.byId(linkId)!, await storedPlan(ctx.docs, planId)) };
		}
	);

	/** The link of a secret that still works, or the refusal a guest can act on. Unknown secrets are throttled per address. */
	const openLink = async (request: FastifyRequest<{ Body: { token: string } }>): Promise<VoiceLink> => {
		const ipKey = `voice:${request.ip}`;
		// Counted before the look-up (one step, also across processes), taken back for a real link.
		const wait = await ctx.inviteThrottle.begin(ipKey);
		if (wait > 0) throw tooManyAttempts(wait);
		const link = links.find(request.body.token);
		if (!link) throw linkClosed('unknown');
		await ctx.inviteThrottle.forgive(ipKey);
		const state = links.stateOf(link);
		if (state !== 'open') throw linkClosed(state);
		return link;
	};

	app.post<{ Body: { token: string } }>(
		'/api/voices/open',
		{ schema: tokenSchema },
		async (request): Promise<VoiceInvitation> => {
			const link = await openLink(request);
			const student = ctx.accounts.planById(link.planId);
			if (!student) throw linkClosed('unknown');
			const plan = await storedPlan(ctx.docs, link.planId);
			const item = link.evidenceId ? plan.collections.evidence.get(link.evidenceId) : undefined;
			if (link.action === 'confirm' && !item) throw linkClosed('revoked');
			ctx.audit.record({
				userId: guestId(link),
				planId: link.planId,
				docKind: 'plan',
				action: 'open',
				detail: `${guestWords(link)} opened a one-time link`
			});
			return {
				studentName: student.studentName,
				schoolName: ctx.schools.school(student.schoolId)?.name ?? '',
				guestName: link.guestName,
				guestRelation: link.guestRelation,
				action: link.action,
				evidence: item ? { title: item.title, date: item.date, kind: item.kind } : null,
				expiresAt: iso(link.expiresAt)
			};
		}
	);

	app.post<{ Body: { token: string; body?: string } }>(
		'/api/voices/use',
		{ schema: tokenSchema },
		async (request) => {
			const link = await openLink(request);
			const words = (request.body.body ?? '').trim();
			if (link.action === 'reflect' && !words) {
				throw new ApiError(400, 'empty-reflection', 'Write your reflection first, then send it.');
			}
			if (link.action === 'confirm' && words) {
				throw new ApiError(400, 'confirm-only', 'This link confirms a piece of evidence; it takes no words.');
			}
			if (
				link.evidenceId &&
				!(await storedPlan(ctx.docs, link.planId)).collections.evidence.has(link.evidenceId)
			) {
				throw linkClosed('revoked');
			}
			// Used up first, so two sends at once write once; given back if the plan cannot be written.
			if (!links.use(link.id)) throw linkClosed(links.stateOf(links.byId(link.id)!) as 'used');
			const date = today(new Date(ctx.now()));
			try {
				await changePlan(ctx.docs, ctx.relay, link.planId, (plan) => {
					if (link.action === 'reflect') {
						plan.collections.reflections.add({
							date,
							authorRole: link.guestRelation,
							authorName: link.guestName,
							body: words
						});
					} else {
						addConfirmation(plan.doc, {
							evidenceId: link.evidenceId!,
							name: link.guestName,
							relation: link.guestRelation,
							date,
							linkId: link.id
						});
					}
				});
			} catch (error) {
				links.unuse(link.id);
				throw error;
			}
			const item = link.evidenceId
				? (await storedPlan(ctx.docs, link.planId)).collections.evidence.get(link.evidenceId)
				: undefined;
			ctx.audit.record({
				userId: guestId(link),
				planId: link.planId,
				docKind: 'plan',
				action: 'change',
				detail:
					link.action === 'reflect'
						? `${guestWords(link)} added a reflection through a one-time link`
						: `${guestWords(link)} confirmed evidence “${item?.title ?? ''}” through a one-time link`
			});
			return { action: link.action, date };
		}
	);
}
