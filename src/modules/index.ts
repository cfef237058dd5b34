import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { countUnitsByForm, registryRoutes, SEARCH_LIMIT, searchUnits, UNIT_FORMS } from './registry/index.ts';
import { intakeRoutes } from './intake/index.ts';
import { publicationRoutes } from './publication/index.ts';
import { riskRoutes } from './risk/index.ts';
import { casesRoutes } from './cases/index.ts';
import { staffRoutes } from './staff/index.ts';

/** Every module's HTTP surface, registered in one place. */
export async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await publicationRoutes(app);
  await registryRoutes(app, ctx);
  await intakeRoutes(app, ctx);
  await riskRoutes(app, ctx);
  await casesRoutes(app, ctx);
  await staffRoutes(app, ctx, { searchUnits, countUnitsByForm, searchLimit: SEARCH_LIMIT, formLabels: UNIT_FORMS });
}
