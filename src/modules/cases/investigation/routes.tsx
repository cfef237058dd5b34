import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';

export async function investigationRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
