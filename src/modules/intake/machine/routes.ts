import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { kickOutbox } from '../../../platform/mail/index.ts';
import type { SignalClassifier } from '../receive-signal.ts';
import { authenticateApiClient, type ApiClient } from './api-client.ts';
import { receiveMachineSignal } from './receive-machine-signal.ts';
import { postSignalSchema, type SignalBody } from './schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated machine client on machine-intake routes. */
    apiClient: ApiClient | null;
  }
}

/** Machine intake: `POST /api/v1/signals` for other authorities' systems. */
export async function machineIntakeRoutes(app: FastifyInstance, { db, config }: AppContext, classifier: SignalClassifier): Promise<void> {
  app.decorateRequest('apiClient', null);

  // Authenticated before the body is even read: a stranger gets 401, not a validation report.
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      request.apiClient = await authenticateApiClient(db, request.headers.authorization);
    } catch (error) {
      reply.header('www-authenticate', 'Basic realm="vaka", Bearer realm="vaka"');
      throw error;
    }
  };

  app.post<{ Body: SignalBody; Headers: { 'idempotency-key': string } }>('/api/v1/signals', { schema: postSignalSchema, onRequest: authenticate }, async (request, reply) => {
    const answer = await receiveMachineSignal(db, {
      client: request.apiClient!,
      idempotencyKey: request.headers['idempotency-key'],
      body: request.body,
      classifier,
      publicUrl: config.publicUrl,
    });
    if (!answer.replayed && answer.body.urgency === 'acute') kickOutbox();
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('cache-control', 'no-store');
    return reply.status(answer.status).send(answer.body);
  });
}
