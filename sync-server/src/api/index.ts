/** The REST API under /api: JSON in, JSON out, every route checks rights on the server. */
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin-routes';
import { refuseLeaversElsewhere } from './authenticate';
import { registerCatchUpRoutes } from './catch-up-routes';
import type { ApiContext } from './context';
import { registerHealthRoutes } from './health-routes';
import { registerInviteRoutes } from './invite-routes';
import { registerLeaverRoutes } from './leaver-routes';
import { registerPlanRoutes } from './plan-routes';
import { registerReadersRoutes } from './readers-routes';
import { registerSessionRoutes } from './session-routes';

export type { ApiContext } from './context';

export function registerApi(app: FastifyInstance, ctx: ApiContext): void {
	// First, so it runs before every route of the server (and before their body checks).
	app.addHook('onRequest', refuseLeaversElsewhere(ctx));
	registerHealthRoutes(app, ctx);
	registerSessionRoutes(app, ctx);
	registerPlanRoutes(app, ctx);
	registerInviteRoutes(app, ctx);
	registerAdminRoutes(app, ctx);
	registerCatchUpRoutes(app, ctx);
	registerReadersRoutes(app, ctx);
	registerLeaverRoutes(app, ctx);
}
