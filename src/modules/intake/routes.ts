import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { providerIntakeRoutes } from './provider/index.ts';
import { publicIntakeRoutes } from './public/index.ts';
import { loadSignalClassifier } from './signal-classifier.ts';
import { triageIntakeRoutes } from './triage/index.ts';

/** Every channel into the signal store: public e-services, provider reports, staff triage and machine intake. */
export async function intakeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const classifier = await loadSignalClassifier(ctx.db);
  await publicIntakeRoutes(app, ctx, classifier);
  await providerIntakeRoutes(app, ctx, classifier);
  await triageIntakeRoutes(app, ctx, classifier);
}
