import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { requireStaff, requireSignedIn } from '../../platform/auth/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { sendHtml } from '../../platform/web/layout.tsx';
import { AdminPage, AuditPage } from './pages/admin-pages.tsx';
import { StartPage, type UnitHit } from './pages/start-page.tsx';
import { findDepartmentMap, findLatestAuditRows } from './repository.ts';

/** What the start page needs from the register; handed in by the composition root (modules/index.ts). */
export interface StaffStartSources {
  searchUnits(db: Db, query: string): Promise<{ total: number; rows: UnitHit[] }>;
  countUnitsByForm(db: Db): Promise<{ form: string; units: number }[]>;
  searchLimit: number;
  formLabels: Record<string, string>;
}

const MAX_QUERY = 200;

/** The staff area's own pages: the start page, administration and the audit log. */
export async function staffRoutes(app: FastifyInstance, { db }: AppContext, sources: StaffStartSources): Promise<void> {
  app.get<{ Querystring: { q?: string } }>('/staff', { preHandler: requireStaff('register.read') }, async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, MAX_QUERY) : '';
    const [search, countsByForm] = await Promise.all([query ? sources.searchUnits(db, query) : null, sources.countUnitsByForm(db)]);
    return sendHtml(
      reply,
      <StartPage staff={requireSignedIn(request)} query={query} search={search} limit={sources.searchLimit} countsByForm={countsByForm} formLabels={sources.formLabels} />,
    );
  });

  app.get('/staff/admin', { preHandler: requireStaff('admin.access') }, async (request, reply) =>
    sendHtml(reply, <AdminPage staff={requireSignedIn(request)} departments={await findDepartmentMap(db)} />),
  );

  app.get('/staff/audit', { preHandler: requireStaff('audit.read') }, async (request, reply) =>
    sendHtml(reply, <AuditPage staff={requireSignedIn(request)} rows={await findLatestAuditRows(db)} />),
  );

  app.post('/staff/audit/verify', { preHandler: requireStaff('audit.read') }, async (request, reply) => {
    const verification = await verifyAuditChain(db);
    return sendHtml(reply, <AuditPage staff={requireSignedIn(request)} rows={await findLatestAuditRows(db)} verification={verification} />);
  });
}
