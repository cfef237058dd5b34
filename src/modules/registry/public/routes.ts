import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { registerApiRoutes } from './api-routes.ts';
import { HVB_PAGE_SIZE, parseHvbSearchForm } from './hvb-search-form.ts';
import { HvbHomeNotFoundPage, HvbHomePage } from './pages/hvb-home-page.tsx';
import { HvbSearchPage } from './pages/hvb-search-page.tsx';
import { findHvbHomes, getHvbHome, listCounties, listMunicipalities } from './repository.ts';

/** The public register: the HVB list's pages and the register's JSON API. No sign-in, no personal data. */
export async function publicRegisterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/hvb', async (request, reply) => {
    const [municipalities, counties] = await Promise.all([listMunicipalities(ctx.db), listCounties(ctx.db)]);
    const form = parseHvbSearchForm(request.query, {
      kommunCodes: new Set(municipalities.map((m) => m.code)),
      lanCodes: new Set(counties.map((c) => c.code)),
    });
    if (form.errors.length > 0) return sendHtml(reply, HvbSearchPage({ form, municipalities, counties }), 400);
    const result = await findHvbHomes(ctx.db, form.search, { page: form.page, pageSize: HVB_PAGE_SIZE });
    return sendHtml(reply, HvbSearchPage({ form, municipalities, counties, result }));
  });

  app.get<{ Params: { id: string } }>('/hvb/:id', async (request, reply) => {
    const home = await getHvbHome(ctx.db, request.params.id);
    if (!home) return sendHtml(reply, HvbHomeNotFoundPage(), 404);
    return sendHtml(reply, HvbHomePage({ home }));
  });

  await registerApiRoutes(app, ctx);
}
