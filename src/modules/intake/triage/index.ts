import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { SignalClassifier } from '../receive-signal.ts';

export async function triageIntakeRoutes(app: FastifyInstance, ctx: AppContext, classifier: SignalClassifier): Promise<void> {
  void app;
  void ctx;
  void classifier;
}
