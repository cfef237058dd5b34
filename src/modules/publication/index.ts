import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/web/layout.tsx';
import { OpenDataPage } from './open-data-page.tsx';
import { StartPage } from './start-page.tsx';

export async function publicationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendHtml(reply, StartPage()));
  app.get('/oppna-data', { schema: { hide: true } }, async (_request, reply) => sendHtml(reply, OpenDataPage()));
}
