import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { registryRoutes } from './registry/index.ts';

/** Every module's HTTP surface, registered in one place. */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registryRoutes(app, ctx);
}
