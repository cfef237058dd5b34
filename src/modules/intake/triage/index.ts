import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { machineIntakeRoutes } from '../machine/index.ts';
import type { SignalClassifier } from '../receive-signal.ts';
import { triageRoutes } from './routes.tsx';

/**
 * Staff's side of intake: the triage workspace and staff-logged signals, and (until it is wired in
 * intake/routes.ts on its own) machine intake for other authorities' systems.
 */
export async function triageIntakeRoutes(app: FastifyInstance, ctx: AppContext, classifier: SignalClassifier): Promise<void> {
  await triageRoutes(app, ctx, classifier);
  await machineIntakeRoutes(app, ctx, classifier);
}
