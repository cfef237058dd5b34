import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { publicRegisterRoutes } from './public/routes.ts';
import { registryStaffRoutes } from './staff/index.ts';

export { loadReferenceData } from './reference-data.ts';
export * from './codes.ts';
export { addressColumnsSql, addressProtectedSql, PROTECTED_ADDRESS_TEXT } from './protected-address.ts';
export { countUnitsByForm, searchUnits, SEARCH_LIMIT } from './staff/index.ts';

export async function registryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await publicRegisterRoutes(app, ctx);
  await registryStaffRoutes(app, ctx);
}
