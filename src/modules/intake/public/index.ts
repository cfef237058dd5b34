import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { SignalClassifier } from '../receive-signal.ts';
import { registerPublicIntakeRoutes, type PublicIntakeOptions } from './routes.ts';

export { summariseServiceFeedback, type ServiceFeedbackSummary } from './service-feedback.ts';
export { COMPLAINT_TRIAGE_RULES, recommendComplaintHandling, type ComplaintRecommendation } from './complaint-triage.ts';
export { PUBLIC_INTAKE_LIMITS, signFormToken, solveProofOfWork, type PublicIntakeLimits } from './abuse-guard.ts';
export { hashReceiptCode, normaliseReceiptCode } from './receipt-code.ts';
export type { PublicIntakeOptions } from './routes.ts';

/** The public e-services: Tipsa, the children's channel, complaints and feedback on them. */
export async function publicIntakeRoutes(app: FastifyInstance, ctx: AppContext, classifier: SignalClassifier, options: PublicIntakeOptions = {}): Promise<void> {
  await registerPublicIntakeRoutes(app, ctx, classifier, options);
}
