import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/database.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { registerApiRoutes } from './api-routes.ts';
import { HvbSnapshot } from './hvb-snapshot.ts';
import { HVB_PAGE_SIZE, parseHvbSearchForm, searchQueryString, type KnownPlaces } from './hvb-search-form.ts';
import { HvbHomeNotFoundPage, HvbHomePage } from './pages/hvb-home-page.tsx';
import { HvbSearchPage } from './pages/hvb-search-page.tsx';
import { getHvbHome, listCounties, listMunicipalities, type County, type Municipality } from './repository.ts';

interface Places extends KnownPlaces {
  municipalities: Municipality[];
  counties: County[];
}

/**
 * Kommuner and län are reference data, loaded before the app starts and changed only by a restart: read
 * once per app, on first use (again after a failed read).
 */
function placesOnce(db: Db): () => Promise<Places> {
  let places: Promise<Places> | undefined;
  const read = async (): Promise<Places> => {
    const [municipalities, counties] = await Promise.all([listMunicipalities(db), listCounties(db)]);
    return { municipalities, counties, kommunCodes: new Set(municipalities.map((m) => m.code)), lanCodes: new Set(counties.map((c) => c.code)) };
  };
  return () =>
    (places ??= read().catch((error: unknown) => {
      places = undefined;
      throw error;
    }));
}

/**
 * The rendered result pages of one edition of the HVB list, by search, most recently used last. A page
 * depends only on the search (the form's values and the page number) and on the edition: kommuner and län
 * are fixed, and nothing on it is personal. A new edition starts afresh.
 */
class ResultPages {
  static readonly MAX_PAGES = 200;
  #edition: object | undefined;
  readonly #pages = new Map<string, Buffer>();

  get(edition: object, search: string): Buffer | undefined {
    if (edition !== this.#edition) {
      this.#edition = edition;
      this.#pages.clear();
      return undefined;
    }
    const page = this.#pages.get(search);
    if (page) {
      this.#pages.delete(search);
      this.#pages.set(search, page);
    }
    return page;
  }

  set(edition: object, search: string, page: Buffer): void {
    if (edition !== this.#edition) return;
    if (this.#pages.size >= ResultPages.MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
    this.#pages.set(search, page);
  }
}

/** The public register: the HVB list's pages and the register's JSON API. No sign-in, no personal data. */
export async function publicRegisterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Per app, not per module: tests run several apps on databases of their own.
  const hvbList = new HvbSnapshot(ctx.db);
  const places = placesOnce(ctx.db);
  const resultPages = new ResultPages();

  app.get('/hvb', async (request, reply) => {
    const { municipalities, counties, ...known } = await places();
    const form = parseHvbSearchForm(request.query, known);
    if (form.errors.length > 0) return sendHtml(reply, HvbSearchPage({ form, municipalities, counties }), 400);
    const result = await hvbList.search(form.search, { page: form.page, pageSize: HVB_PAGE_SIZE });
    // Rendering the page and encoding its ~45 kB cost more than the search: a repeated search is sent as stored.
    const search = searchQueryString(form.values, form.page);
    let html = resultPages.get(result.edition, search);
    if (!html) {
      html = Buffer.from(await HvbSearchPage({ form, municipalities, counties, result }));
      resultPages.set(result.edition, search, html);
    }
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: { id: string } }>('/hvb/:id', async (request, reply) => {
    const home = await getHvbHome(ctx.db, request.params.id);
    if (!home) return sendHtml(reply, HvbHomeNotFoundPage(), 404);
    return sendHtml(reply, HvbHomePage({ home }));
  });

  await registerApiRoutes(app, ctx, hvbList);
}
