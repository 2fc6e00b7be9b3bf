import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    try {
      await sql`SELECT 1`.execute(ctx.database.db);
    } catch (error) {
      ctx.logger.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'error', database: 'unreachable' });
    }
    return reply.header('cache-control', 'no-store').send({
      status: 'ok',
      database: ctx.database.dialect,
      databaseMs: Math.round((performance.now() - started) * 100) / 100,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
}
