import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { isPersonalIdentityNumber, presentHvbHomeSummary, presentPermit, presentProvider, presentRegisterChange, presentUnit } from './presenters.ts';
import type { HvbForm, HvbSnapshot } from './hvb-snapshot.ts';
import { findProviders, findRegisterChanges, findUnits, getProvider, getUnit } from './repository.ts';
import {
  changesSchema,
  hvbListSchema,
  providerListSchema,
  providerSchema,
  unitListSchema,
  unitSchema,
  type ChangesQuery,
  type HvbListQuery,
  type ProviderListQuery,
  type UnitListQuery,
} from './schemas.ts';

/** The register's open JSON API under /api/v1/register. Fastify checks every parameter against the schemas. */
export async function registerApiRoutes(app: FastifyInstance, ctx: AppContext, hvbList: HvbSnapshot): Promise<void> {
  app.get<{ Querystring: HvbListQuery }>('/api/v1/register/hvb', { schema: hvbListSchema }, async (request) => {
    const { name, kommun, lan, form, homeType, orientation, age, status, page, pageSize } = request.query;
    const search = { name: name?.trim() || undefined, kommun, lan, forms: form as HvbForm[] | undefined, homeType, orientations: orientation, age, statuses: status };
    const { items, total } = await hvbList.search(search, { page, pageSize });
    return { items: items.map(presentHvbHomeSummary), page, pageSize, total };
  });

  app.get<{ Querystring: UnitListQuery }>('/api/v1/register/units', { schema: unitListSchema }, async (request) => {
    const { kommun, form, providerId, page, pageSize } = request.query;
    const { items, total } = await findUnits(ctx.db, { kommun, form, providerId }, { page, pageSize });
    return { items: items.map(presentUnit), page, pageSize, total };
  });

  app.get<{ Params: { id: string } }>('/api/v1/register/units/:id', { schema: unitSchema }, async (request) => {
    const found = await getUnit(ctx.db, request.params.id);
    if (!found) throw AppError.notFound(`unit ${request.params.id}`);
    return { ...presentUnit(found.unit), permits: found.permits.map(presentPermit) };
  });

  app.get<{ Querystring: ProviderListQuery }>('/api/v1/register/providers', { schema: providerListSchema }, async (request) => {
    const { page, pageSize } = request.query;
    const orgnr = request.query.orgnr?.replace('-', '');
    // A sole trader's personnummer is not a key the public register can be searched by.
    if (orgnr && isPersonalIdentityNumber(orgnr)) return { items: [], page, pageSize, total: 0 };
    const { items, total } = await findProviders(ctx.db, { orgnr }, { page, pageSize });
    return { items: items.map(presentProvider), page, pageSize, total };
  });

  app.get<{ Params: { id: string } }>('/api/v1/register/providers/:id', { schema: providerSchema }, async (request) => {
    const found = await getProvider(ctx.db, request.params.id);
    if (!found) throw AppError.notFound(`provider ${request.params.id}`);
    return { ...presentProvider(found.provider), unitCount: found.unitCount };
  });

  app.get<{ Querystring: ChangesQuery }>('/api/v1/register/changes', { schema: changesSchema }, async (request) => {
    const { since, limit } = request.query;
    const changes = await findRegisterChanges(ctx.db, { since, limit });
    return { items: changes.map(presentRegisterChange), next: changes.length ? changes[changes.length - 1].seq : since };
  });
}
