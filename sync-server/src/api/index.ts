/** The REST API under /api: JSON in, JSON out, every route checks rights on the server. */
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin-routes';
import { registerCatchUpRoutes } from './catch-up-routes';
import type { ApiContext } from './context';
import { registerHealthRoutes } from './health-routes';
import { registerInviteRoutes } from './invite-routes';
import { registerPlanRoutes } from './plan-routes';
import { registerReadersRoutes } from './readers-routes';
import { registerSessionRoutes } from './session-routes';

export type { ApiContext } from './context';

export function registerApi(app: FastifyInstance, ctx: ApiContext): void {
	registerHealthRoutes(app, ctx);
	registerSessionRoutes(app, ctx);
	registerPlanRoutes(app, ctx);
	registerInviteRoutes(app, ctx);
	registerAdminRoutes(app, ctx);
	registerCatchUpRoutes(app, ctx);
	registerReadersRoutes(app, ctx);
}
