/** Health (for a load balancer or a person checking) and a few figures for monitoring. */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context';

export function registerHealthRoutes(app: FastifyInstance, ctx: ApiContext): void {
	const uptimeSeconds = () => Math.round((Date.now() - ctx.startedAt) / 1000);

	app.get('/api/health', async () => {
		// A cheap query proves the database file is still readable.
		ctx.db.prepare('SELECT 1').get();
		return { status: 'ok', uptimeSeconds: uptimeSeconds(), hasRelay: true };
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
