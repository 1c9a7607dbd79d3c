/** Health (for a load balancer or a person checking) and a few figures for monitoring. */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context';
import { HealthChecks } from './health-checks';

export function registerHealthRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const uptimeSeconds = () => Math.round((Date.now() - ctx.startedAt) / 1000);
	const checks = new HealthChecks(
		[{ part: 'file', check: async () => ctx.db.prepare('SELECT 1').get() }, ...ctx.healthProbes],
		(part, reason) => app.log.warn(`Health check: ${part} is down (${reason})`)
	);

	app.get('/api/health', async (_request, reply) => {
		const { parts, down, message } = await checks.report();
		if (down.length > 0) {
			// 503: the load balancer leaves this process out until every part answers again.
			return reply.code(503).send({ status: 'down', down, parts, message, uptimeSeconds: uptimeSeconds() });
		}
		return { status: 'ok', uptimeSeconds: uptimeSeconds(), hasRelay: true, parts };
	});

	app.get('/api/metrics', async () => {
		const relay = ctx.relay;
		return {
			uptimeSeconds: uptimeSeconds(),
			connections: relay.connectionCount(),
			docsLoaded: relay.docCount?.() ?? null,
			memoryRssBytes: process.memoryUsage.rss()
		};
	});
}
