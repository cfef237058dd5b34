import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { decisionRoutes } from './decisions/routes.tsx';
import { diariumRoutes } from './diarium/routes.tsx';
import { investigationRoutes } from './investigation/routes.tsx';

/** The cases module's HTTP surface: the diarium and case pages, the investigation with the provider, decisions and follow-up. */
export async function casesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await diariumRoutes(app, ctx);
  await investigationRoutes(app, ctx);
  await decisionRoutes(app, ctx);
}
