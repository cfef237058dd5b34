import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { alertRoutes } from './alerts/index.ts';
import { selectionRoutes } from './selection/routes.tsx';
import { workspaceRoutes } from './workspace/routes.tsx';

/** The risk module's HTTP surface: the staff risk workspace, the selection projects and the alerts' actions. */
export async function riskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await workspaceRoutes(app, ctx);
  await selectionRoutes(app, ctx);
  await alertRoutes(app, ctx);
}
