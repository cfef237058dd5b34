import { escapeHtml } from '@kitajs/html';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeNationalRisk, recomputeStoredScore } from '../../src/modules/risk/scoring/index.ts';
import { countFunnelLimits } from '../../src/modules/risk/statistics.ts';
import { buildFunnelPlot } from '../../src/modules/risk/workspace/charts/funnel-plot.tsx';
import { formatDecimal1, formatInteger } from '../../src/modules/risk/workspace/labels.ts';
import { findPeerPoints } from '../../src/modules/risk/workspace/repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { AS_OF, buildRiskWorld, KOMMUN, type RiskWorld } from './world.ts';

/** "0,87" as the pages write numbers with two decimals. */
const two = (x: number) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x).replace(/\u2212/g, '-');
const rowIds = (html: string) => [...html.matchAll(/<tr class="govuk-table__row" data-unit-id="([^"]+)"/g)].map((m) => m[1]);
const sorted = (ids: string[]) => [...ids].sort();

/** The markup of one chart on a page: its SVG and the "Visa som tabell" details after it. */
function chartOf(html: string, id: string): { svg: string; details: string } {
  const start = html.indexOf(`data-chart="${id}"`);
  expect(start, `chart ${id}`).toBeGreaterThan(-1);
  const svgEnd = html.indexOf('</svg>', start);
  const detailsEnd = html.indexOf('</details>', svgEnd);
  return { svg: html.slice(start, svgEnd), details: html.slice(svgEnd, detailsEnd) };
}

describe.each(databaseKinds)('risk workspace on %s', (kind) => {
  let t: TestApp;
  let world: RiskWorld;
  let tau2Signals: number;
  let cusumThreshold: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildRiskWorld(t.database.db);
    const run = await recomputeNationalRisk(t.database.db, { asOf: AS_OF });
    tau2Signals = run.summary.tau2.signals;
    cusumThreshold = run.summary.cusumThreshold;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who?: SignedIn, accept = 'text/html') => t.app.inject({ method: 'GET', url, headers: { accept, ...(who ? { cookie: who.cookie } : {}) } });
  const post = (url: string, who: SignedIn, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

  /** Unit ids of the stored scores, riskiest first, optionally only those matching a condition. */
  async function scoredIds(where: (unit: { id: string; form: string; kommun: string }) => boolean = () => true): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom('risk_score as rs')
      .innerJoin('unit as u', 'u.id', 'rs.unit_id')
      .select(['rs.unit_id', 'u.form', sql<string>`u.kommun::text`.as('kommun')])
      .orderBy('rs.score', 'desc')
      .orderBy('rs.national_rank')
      .orderBy('rs.unit_id')
      .execute();
    return rows.filter((r) => where({ id: r.unit_id, form: r.form, kommun: r.kommun })).map((r) => r.unit_id);
  }

  /** Every row of a filtered list, all pages. */
  async function listAll(path: string, who: SignedIn): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; page < 10; page++) {
      const response = await get(`${path}${path.includes('?') ? '&' : '?'}sida=${page}`, who);
      expect(response.statusCode, path).toBe(200);
      ids.push(...rowIds(response.body));
      if (!response.body.includes('rel="next"')) break;
    }
    return ids;
  }

  describe('national view', () => {
    it('lists units in the order of their stored scores, 50 a page, with name, form, kommun, score, first reason and badges', async () => {
      const analyst = await signInAs(t, 'analyst');
      const expected = await scoredIds();
      expect(expected).toHaveLength(56);
      const first = await get('/staff/risk', analyst);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(rowIds(first.body)).toEqual(expected.slice(0, 50));
      const second = await get('/staff/risk?sida=2', analyst);
      expect(rowIds(second.body)).toEqual(expected.slice(50));
      expect(first.body).toContain('56 verksamheter matchar, den mest riskfyllda först. Här visas 1–50.');
      // A page past the end (an old bookmark) shows the last one, with the count; so does a filtered list.
      const past = await get('/staff/risk?sida=9', analyst);
      expect(rowIds(past.body)).toEqual(expected.slice(50));
      expect(past.body).toContain('56 verksamheter matchar');
      const filteredPast = await get(`/staff/risk?kommun=${KOMMUN.malmo}&sida=4`, analyst);
      expect(rowIds(filteredPast.body)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));

      const hot = await t.database.db.selectFrom('risk_score').selectAll().where('unit_id', '=', world.hot.id).executeTakeFirstOrThrow();
      const row = first.body.slice(first.body.indexOf(`data-unit-id="${world.hot.id}"`), first.body.indexOf('</tr>', first.body.indexOf(`data-unit-id="${world.hot.id}"`)));
      expect(row).toContain(`href="/staff/risk/enhet/${world.hot.id}"`);
      expect(row).toContain(escapeHtml(world.hot.name));
      expect(row).toContain('HVB (hem för vård eller boende)');
      expect(row).toContain('>Stockholm<');
      expect(row).toContain(`>${two(hot.score)}<`);
      expect(row).toContain(escapeHtml(hot.reasons[0]));
      expect(row).toContain(`>${hot.national_rank}<`);
      if (hot.cusum_alarm) expect(row).toContain('CUSUM-larm');

      const acuteRow = first.body.slice(first.body.indexOf(`data-unit-id="${world.acute.id}"`));
      expect(acuteRow.slice(0, acuteRow.indexOf('</tr>'))).toContain('Akut signal');
      const bannedRow = first.body.slice(first.body.indexOf(`data-unit-id="${world.banned.id}"`));
      expect(bannedRow.slice(0, bannedRow.indexOf('</tr>'))).toContain('Förbud eller återkallelse');
    });

    it('says when the run was and shows its figures', async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get('/staff/risk', analyst)).body;
      expect(html).toContain('Riskläget gäller den 30 juni 2026');
      const counts = await t.database.db
        .selectFrom('risk_score')
        .select([
          sql<number>`count(*)`.as('units'),
          sql<number>`count(*) FILTER (WHERE cusum_alarm)`.as('alarms'),
          sql<number>`count(*) FILTER (WHERE cardinality(triggers) > 0)`.as('triggered'),
        ])
        .executeTakeFirstOrThrow();
      expect(Number(counts.triggered)).toBeGreaterThanOrEqual(2);
      expect(html).toContain(`<span data-figure="units">${counts.units}</span>`);
      expect(html).toContain(`<a class="govuk-link" href="/staff/risk?larm=cusum#lista" data-figure="cusum"><span>${counts.alarms}</span>`);
      expect(html).toContain(`<a class="govuk-link" href="/staff/risk?larm=trigger#lista" data-figure="triggers"><span>${counts.triggered}</span>`);
      expect(html).toContain('Beräkna nu');
    });

    it('lists the units in alarm that the figures count, from the figures or the filter, and in the API', async () => {
      const analyst = await signInAs(t, 'analyst');
      const inAlarm = async (where: string) =>
        (await sql<{ unit_id: string }>`SELECT unit_id FROM risk_score WHERE ${sql.raw(where)} ORDER BY score DESC, national_rank, unit_id`.execute(t.database.db)).rows.map((r) => r.unit_id);
      const triggered = await inAlarm('cardinality(triggers) > 0');
      expect(triggered.length).toBeGreaterThanOrEqual(2);
      expect(await listAll('/staff/risk?larm=trigger', analyst)).toEqual(triggered);
      expect(await listAll('/staff/risk?larm=cusum', analyst)).toEqual(await inAlarm('cusum_alarm'));
      const page = (await get('/staff/risk?larm=trigger', analyst)).body;
      expect(page).toContain('<option value="trigger" selected>Med hårt larm</option>');
      const api = (await get('/api/v1/risk/units?alarm=trigger&limit=1000', analyst)).json();
      expect(api.items.map((item: { unitId: string }) => item.unitId)).toEqual(triggered);
      // The department view keeps it in its links to the kommuner, like the form and the risk area.
      expect((await get('/staff/risk/avdelning/stockholm?larm=cusum', analyst)).body).toMatch(/href="\/staff\/risk\/kommun\/\d{4}\?larm=cusum"/);
    });

    it("shows each department's units, alarms and signals against expected, summed from its kommuner", async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get('/staff/risk', analyst)).body;
      const byDepartment = await sql<{ code: string; name: string; units: number; alarms: number; observed: number; expected: number }>`
        SELECT d.code, d.name, count(*)::int AS units, count(*) FILTER (WHERE rs.cusum_alarm)::int AS alarms,
               sum(rs.observed_recent)::int AS observed, sum(rs.expected_recent)::float8 AS expected
        FROM risk_score rs JOIN unit u ON u.id = rs.unit_id JOIN municipality m ON m.code = u.kommun
        JOIN county c ON c.code = m.county_code JOIN department d ON d.code = c.department_code
        GROUP BY d.code, d.name
      `.execute(t.database.db);
      expect(byDepartment.rows.length).toBeGreaterThanOrEqual(2);
      for (const department of byDepartment.rows) {
        const start = html.indexOf(`href="/staff/risk/avdelning/${department.code}">`);
        expect(start).toBeGreaterThan(0);
        const cells = [...html.slice(start, html.indexOf('</tr>', start)).matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((m) => m[1]);
        expect(cells.slice(0, 4)).toEqual([formatInteger(department.units), formatInteger(department.alarms), formatInteger(department.observed), formatDecimal1(department.expected)]);
      }
    });

    it('filters by form, kommun, län, department and risk area, and the filters are bookmarkable', async () => {
      const analyst = await signInAs(t, 'analyst');
      expect(await listAll('/staff/risk?form=vardcentral', analyst)).toEqual(await scoredIds((u) => u.form === 'vardcentral'));
      expect(await listAll(`/staff/risk?kommun=${KOMMUN.malmo}`, analyst)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      expect(await listAll('/staff/risk?lan=01', analyst)).toEqual(await scoredIds((u) => u.kommun !== KOMMUN.malmo));
      expect(await listAll('/staff/risk?avdelning=syd', analyst)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      expect(await listAll('/staff/risk?avdelning=stockholm&form=hvb', analyst)).toEqual(await scoredIds((u) => u.kommun !== KOMMUN.malmo && u.form === 'hvb'));
      // Risk area: a signal of that area in the 26 weeks up to the as-of date (not before, not after).
      expect(await listAll('/staff/risk?riskomrade=medication', analyst)).toEqual([world.medication.id]);
      expect((await get('/staff/risk?riskomrade=medication', analyst)).body).toContain('>1 verksamhet matchar.</caption>');
      expect(sorted(await listAll('/staff/risk?riskomrade=safety_abuse', analyst))).toEqual(sorted([world.hot.id, world.acute.id]));
      expect(await listAll('/staff/risk?riskomrade=dishonest_operator', analyst)).toEqual([]);
      const page = await get('/staff/risk?riskomrade=medication&form=hvb', analyst);
      expect(page.body).toContain('<option value="medication" selected>Läkemedelshantering</option>');
      expect(page.body).toContain('<form method="get" action="/staff/risk"');
      // Unknown values are ignored, not errors.
      expect(rowIds((await get('/staff/risk?form=nonsense&kommun=9999&lan=xx', analyst)).body)).toHaveLength(50);
    });

    it('says why a list is empty: places that exclude each other are named, other filters are listed', async () => {
      const analyst = await signInAs(t, 'analyst');
      const emptyText = async (url: string) => {
        const html = (await get(url, analyst)).body;
        expect(rowIds(html)).toEqual([]);
        const start = html.indexOf('data-empty-list="true"');
        expect(start).toBeGreaterThan(0);
        return html.slice(html.indexOf('<p', start), html.indexOf('</p>', start)).replace(/<[^>]+>/g, '').trim();
      };
      expect(await emptyText('/staff/risk?avdelning=nord&lan=12')).toBe(
        'Inga verksamheter kan matcha de valda platserna: Skåne län hör inte till avdelning nord. Välj platser som hänger ihop, eller ta bort val med ”Alla avdelningar” eller ”Alla län”.',
      );
      expect(await emptyText(`/staff/risk?lan=01&kommun=${KOMMUN.malmo}&avdelning=stockholm`)).toBe(
        'Inga verksamheter kan matcha de valda platserna: Malmö kommun ligger inte i Stockholms län. Malmö kommun hör inte till avdelning Stockholm. Välj platser som hänger ihop, eller ta bort val med ”Alla avdelningar”, ”Alla län” eller ”Alla kommuner”.',
      );
      expect(await emptyText(`/staff/risk?avdelning=nord&kommun=${KOMMUN.malmo}`)).toBe(
        'Inga verksamheter kan matcha de valda platserna: Malmö kommun hör inte till avdelning nord. Välj platser som hänger ihop, eller ta bort val med ”Alla avdelningar” eller ”Alla kommuner”.',
      );
      // A department view keeps a län or kommun outside it (a shared link) and says so, rather than showing all.
      expect(await emptyText('/staff/risk/avdelning/nord?lan=12')).toBe(
        'Inga verksamheter kan matcha de valda platserna: Skåne län hör inte till avdelning nord. Välj platser som hänger ihop, eller ta bort val med ”Alla län”.',
      );
      const inspector = await signInAs(t, 'inspector', 'nord');
      const shared = await t.app.inject({ url: `/staff/risk?kommun=${KOMMUN.malmo}`, headers: inspector.headers });
      expect(shared.statusCode).toBe(302);
      const followed = await get(shared.headers.location as string, inspector);
      expect(rowIds(followed.body)).toEqual([]);
      expect(followed.body).toContain('Malmö kommun hör inte till avdelning nord.');
      expect(followed.body).toContain(`<option value="${KOMMUN.malmo}" selected>Malmö</option>`);
      expect(await emptyText('/staff/risk/avdelning/stockholm?lan=01&kommun=0180&riskomrade=dishonest_operator')).toBe(
        'Ingen verksamhet med riskpoäng matchar riskområde Oseriös aktör och ekonomisk brottslighet, Stockholms län och kommun Stockholm. Välj färre filter för att se fler.',
      );
    });

    it('draws the kommun map: 290 linked kommuner, each with its name and ratio, and a table alternative', async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get('/staff/risk', analyst)).body;
      expect(html.length).toBeLessThan(400_000);
      const start = html.indexOf('data-map="karta-kommuner"');
      const map = html.slice(html.lastIndexOf('<svg', start), html.indexOf('</svg></div>', start));
      // The picture: an image with a title, a description and a <title> per kommun.
      const image = map.slice(map.indexOf('<svg role="img"'), map.indexOf('</svg>'));
      expect(image).toMatch(/^<svg role="img" aria-labelledby="karta-kommuner-titel" aria-describedby="karta-kommuner-beskrivning"/);
      expect(image).toMatch(/<title id="karta-kommuner-titel">[^<]+<\/title>/);
      expect(image).toMatch(/<desc id="karta-kommuner-beskrivning">Karta över 290 kommuner[^<]+<\/desc>/);
      const kommuner = [...image.matchAll(/<path d="M[^"]+" fill="[^"]+" id="karta-kommuner-(\d{4})" data-kommun="(\d{4})"><title>([^<]+)<\/title><\/path>/g)];
      expect(kommuner).toHaveLength(290);
      expect(new Set(kommuner.map((m) => m[1])).size).toBe(290);
      expect(kommuner.every((m) => m[1] === m[2])).toBe(true);
      // Each kommun is a link to its view, in a layer over the picture kept from assistive technology.
      const layer = map.slice(map.indexOf('</svg>'));
      expect(layer).toMatch(/^<\/svg><g aria-hidden="true"/);
      const links = [...layer.matchAll(/<a href="\/staff\/risk\/kommun\/(\d{4})" tabindex="-1"><title>[^<]+<\/title><use href="#karta-kommuner-(\d{4})"/g)];
      expect(links).toHaveLength(290);
      expect(links.every((m) => m[1] === m[2])).toBe(true);

      const sums = await t.database.db
        .selectFrom('risk_score as rs')
        .innerJoin('unit as u', 'u.id', 'rs.unit_id')
        .select([sql<number>`sum(rs.observed_recent)`.as('observed'), sql<number>`sum(rs.expected_recent)::float8`.as('expected')])
        .where('u.kommun', '=', KOMMUN.stockholm)
        .executeTakeFirstOrThrow();
      const stockholm = kommuner.find((m) => m[1] === KOMMUN.stockholm)!;
      expect(stockholm[3]).toContain(`Stockholm: kvot ${two(Number(sums.observed) / Number(sums.expected))}`);
      expect(kommuner.find((m) => m[1] === '2584')![3]).toBe('Kiruna: inga verksamheter med förväntade signaler');
      expect(html).toContain('Kommunerna med högst kvot');
      expect(html).toContain('Visa alla kommuner som tabell');
      expect(html).toContain(`<a class="govuk-link" href="/staff/risk/kommun/${KOMMUN.malmo}">Malmö</a>`);
    });
  });

  describe('department and kommun views', () => {
    it('limits the list and figures to the department, and shows its län', async () => {
      const analyst = await signInAs(t, 'analyst');
      const response = await get('/staff/risk/avdelning/stockholm', analyst);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('<h1 class="govuk-heading-l">Riskanalys, Avdelning Stockholm</h1>');
      const expected = await scoredIds((u) => u.kommun !== KOMMUN.malmo);
      expect(await listAll('/staff/risk/avdelning/stockholm', analyst)).toEqual(expected);
      expect(html).toContain(`<span data-figure="units">${expected.length}</span>`);
      expect(html).toContain('href="/staff/risk/avdelning/stockholm?lan=01#lista">Stockholms län</a>');
      expect(html).not.toContain('Skåne län</a>');
      // Its own map: the kommuner of Stockholms and Gotlands län.
      const kommuner = html.match(/data-kommun="\d{4}"/g) ?? [];
      expect(kommuner.length).toBe(27);
      expect(await listAll(`/staff/risk/avdelning/stockholm?kommun=${KOMMUN.vasby}`, analyst)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.vasby));

      // With a form and a risk area: the figures, län and map cover the form in the department and say so; their
      // links keep the form and the risk area.
      const filtered = (await get('/staff/risk/avdelning/stockholm?form=hvb&riskomrade=medication&kommun=' + KOMMUN.vasby, analyst)).body;
      const hvb = await scoredIds((u) => u.kommun !== KOMMUN.malmo && u.form === 'hvb');
      expect(filtered).toContain(`<span data-figure="units">${hvb.length}</span>`);
      expect(filtered).toContain('Gäller HVB (hem för vård eller boende) i avdelning Stockholm. Valen av län, kommun, riskområde och larm gäller bara listan.');
      // A form's name inside a sentence is written in lower case, an abbreviation as it is.
      expect((await get('/staff/risk/avdelning/stockholm?form=vardcentral&riskomrade=medication', analyst)).body).toContain('Gäller vårdcentral i avdelning Stockholm. Valen av län');
      expect((await get(`/staff/risk/kommun/${KOMMUN.vasby}?riskomrade=medication`, analyst)).body).toContain('Valen av riskområde och larm gäller bara listan.');
      expect(filtered).toContain('href="/staff/risk/avdelning/stockholm?form=hvb&riskomrade=medication&lan=01#lista">Stockholms län</a>');
      expect(filtered).toContain(`href="/staff/risk/kommun/${KOMMUN.vasby}?form=hvb&riskomrade=medication"`);
      const national = (await get('/staff/risk?form=hvb&riskomrade=medication', analyst)).body;
      expect(national).toContain('href="/staff/risk/avdelning/stockholm?form=hvb&riskomrade=medication"');
      expect(national).toContain('Gäller HVB (hem för vård eller boende) i hela landet. Valen');
    });

    it('shows a kommun with its units', async () => {
      const analyst = await signInAs(t, 'analyst');
      const response = await get(`/staff/risk/kommun/${KOMMUN.malmo}`, analyst);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Riskanalys, Malmö kommun');
      expect(response.body).toContain('Skåne län');
      expect(await listAll(`/staff/risk/kommun/${KOMMUN.malmo}`, analyst)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      expect(await listAll(`/staff/risk/kommun/${KOMMUN.malmo}?form=vardcentral`, analyst)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo && u.form === 'vardcentral'));
      expect((await get('/staff/risk/kommun/9999', analyst)).statusCode).toBe(404);
      expect((await get('/staff/risk/avdelning/nowhere', analyst)).statusCode).toBe(404);
    });
  });

  describe('access', () => {
    it('lets an inspector see their own department only; everything else is 404', async () => {
      const inspector = await signInAs(t, 'inspector', 'stockholm');
      const start = await get('/staff/risk?form=hvb', inspector);
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/staff/risk/avdelning/stockholm?form=hvb');
      expect((await get('/staff/risk/avdelning/stockholm', inspector)).statusCode).toBe(200);
      expect((await get(`/staff/risk/kommun/${KOMMUN.vasby}`, inspector)).statusCode).toBe(200);
      expect((await get(`/staff/risk/enhet/${world.hot.id}`, inspector)).statusCode).toBe(200);

      const elsewhere = await signInAs(t, 'inspector', 'syd');
      for (const url of ['/staff/risk/avdelning/stockholm', `/staff/risk/kommun/${KOMMUN.stockholm}`, `/staff/risk/enhet/${world.hot.id}`]) {
        const response = await get(url, elsewhere);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain(world.hot.name);
      }
      // The department list of syd holds none of Stockholm's units.
      const syd = await listAll('/staff/risk/avdelning/syd', elsewhere);
      expect(syd).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      // No national recompute from a department scope, and nothing changes.
      const runs = await t.database.db.selectFrom('risk_run').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      expect((await post('/staff/risk/berakna', elsewhere, { _csrf: elsewhere.csrfToken })).statusCode).toBe(404);
      expect(await t.database.db.selectFrom('risk_run').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).toEqual(runs);
      expect((await get('/staff/risk/avdelning/syd', elsewhere)).body).not.toContain('Beräkna nu');
    });

    it('answers 404 to roles without the risk analysis, and changes nothing', async () => {
      const runs = await t.database.db.selectFrom('risk_run').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      for (const role of ['permit_officer', 'registrar', 'administrator', 'provider_representative'] as const) {
        const who = await signInAs(t, role);
        for (const url of ['/staff/risk', '/staff/risk/avdelning/stockholm', `/staff/risk/kommun/${KOMMUN.stockholm}`, `/staff/risk/enhet/${world.hot.id}`]) {
          const response = await get(url, who);
          expect(response.statusCode, `${role} ${url}`).toBe(404);
          expect(response.body).not.toContain(world.hot.name);
        }
        expect((await get('/api/v1/risk/units', who, 'application/json')).statusCode, role).toBe(404);
        expect((await post('/staff/risk/berakna', who, { _csrf: who.csrfToken })).statusCode, role).toBe(404);
      }
      expect(await t.database.db.selectFrom('risk_run').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).toEqual(runs);
    });

    it('sends the signed-out to sign-in, and the API answers 401', async () => {
      const page = await get(`/staff/risk/enhet/${world.hot.id}`);
      expect(page.statusCode).toBe(302);
      expect(page.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent(`/staff/risk/enhet/${world.hot.id}`)}`);
      const api = await get('/api/v1/risk/units', undefined, 'application/json');
      expect(api.statusCode).toBe(401);
    });
  });

  describe('unit risk card', () => {
    it('shows the unit, its score, rank, triggers, CUSUM state, reasons and contributions', async () => {
      const analyst = await signInAs(t, 'analyst');
      const response = await get(`/staff/risk/enhet/${world.hot.id}`, analyst);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      const score = await t.database.db.selectFrom('risk_score').selectAll().where('unit_id', '=', world.hot.id).executeTakeFirstOrThrow();
      expect(html).toContain(escapeHtml(world.hot.name));
      expect(html).toContain('HVB (hem för vård eller boende)');
      expect(html).toContain('Stockholms län');
      expect(html).toMatch(/Testomsorg \d+ AB/);
      expect(html).toContain(`data-score="${score.score}">${two(score.score)}</strong>`);
      expect(html).toContain(`${score.national_rank} av 56`);
      expect(html).toContain(`data-cusum-state="${score.cusum_alarm ? 'alarm' : 'quiet'}"`);
      expect(score.reasons.length).toBeGreaterThan(0);
      for (const reason of score.reasons) expect(html).toContain(`<li>${escapeHtml(reason)}</li>`);
      const { contributions } = (await recomputeStoredScore(t.database.db, world.hot.id))!;
      expect(contributions.length).toBeGreaterThan(0);
      for (const c of contributions) {
        expect(html).toContain(escapeHtml(c.sentence));
        expect(html).toContain(`${two(c.weight)} × ${two(c.value)} = ${two(c.weight * c.value)}`);
      }
      // The parts add up to the raw score, and the caption turns that into the score shown.
      expect(contributions.reduce((sum, c) => sum + c.weight * c.value, 0)).toBeCloseTo(score.raw, 2);
      expect(html).toContain(`data-raw="${score.raw}">${two(score.raw)}</td>`);
      expect(html).toContain(`${two(score.raw)} ÷ (${two(score.raw)} + 4,60) = ${two(score.raw / (score.raw + Math.log(99)))}`);
      // Inspections and permit decisions.
      expect(html).toContain('12 mars 2026');
      expect(html).toContain('Föreläggande');
      expect(html).toContain('Hem för vård eller boende för barn och unga: Aktivt tillstånd');

      const banned = (await get(`/staff/risk/enhet/${world.banned.id}`, analyst)).body;
      expect(banned).toContain('Förbud eller återkallelse');
      expect(banned).toContain('Allvarliga brister i bemanningen');
      expect(banned).toContain('Förbud sedan 15 april 2026');
      expect(banned).toContain('Ett hårt larm höjer riskpoängen till 0,60.');
    });

    it('draws the funnel plot, the CUSUM chart and the signal timeline, each with a title, a description and a table', async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get(`/staff/risk/enhet/${world.hot.id}`, analyst)).body;
      for (const id of ['tratt', 'cusum', 'signaler']) {
        const { svg, details } = chartOf(html, id);
        expect(svg, id).toContain('role="img"');
        expect(svg, id).toMatch(new RegExp(`<title id="${id}-titel">[^<]{10,}</title>`));
        expect(svg, id).toMatch(new RegExp(`<desc id="${id}-beskrivning">[^<]{20,}</desc>`));
        expect(details, id).toContain('Visa som tabell');
        expect(details, id).toContain('<table class="govuk-table');
      }
      // Each "Visa som tabell" names its chart for screen readers, so the three can be told apart.
      const names = ['tratt', 'cusum', 'signaler'].map((id) => /<span class="govuk-visually-hidden">: ([^<]+)<\/span>/.exec(chartOf(html, id).details)?.[1]);
      expect(new Set(names).size).toBe(3);
      expect(names.every(Boolean)).toBe(true);
      // CUSUM (computed again for the card, not stored): the path of 52 weeks, the run's threshold line, one table row per week.
      const cusum = chartOf(html, 'cusum');
      expect(cusum.svg).toContain('data-cusum-weeks="52"');
      expect(cusum.svg).toContain(`data-threshold="${cusumThreshold}"`);
      expect(cusum.details.match(/<tr class="govuk-table__row">/g)).toHaveLength(53);
      expect(cusum.details).toContain('<th scope="row" class="govuk-table__header">30 juni 2026</th>');
      // Signal timeline: the twelve violence tips of May–June 2026 under their risk area.
      const timeline = chartOf(html, 'signaler');
      expect(timeline.svg).toContain('data-series="safety_abuse"');
      expect(timeline.svg).toContain('Våld, övergrepp, hot och tvång (12)');
      expect(timeline.details).toContain('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Våld, övergrepp, hot och tvång</th>');
      expect(timeline.details.match(/<tr class="govuk-table__row">/g)).toHaveLength(25);
      // Funnel: the unit's own dot is marked and labelled.
      const score = await t.database.db.selectFrom('risk_score').selectAll().where('unit_id', '=', world.hot.id).executeTakeFirstOrThrow();
      const funnel = chartOf(html, 'tratt');
      expect(funnel.svg).toContain(`data-unit-marker="${two(score.observed_recent / score.expected_recent)}"`);
      expect(funnel.svg).toContain('Denna verksamhet (');
    });

    it('draws funnel limits that agree with countFunnelLimits', async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get(`/staff/risk/enhet/${world.hot.id}`, analyst)).body;
      const score = await t.database.db.selectFrom('risk_score').selectAll().where('unit_id', '=', world.hot.id).executeTakeFirstOrThrow();
      const E = score.expected_recent;
      expect(E).toBeGreaterThan(0);
      const limit = (coverage: number) => {
        const { lower, upper } = countFunnelLimits(E, coverage, tau2Signals);
        return { lower: lower / E, upper: upper / E };
      };
      // The table names the limits at the unit's own expected count.
      const { details } = chartOf(html, 'tratt');
      const row = details.slice(details.indexOf(`${two(E)} (denna verksamhet)</th>`));
      const cells = [...row.slice(0, row.indexOf('</tr>')).matchAll(/<td[^>]*>([^<]+)<\/td>/g)].map((m) => m[1]);
      expect(cells).toEqual([two(limit(0.998).lower), two(limit(0.95).lower), two(limit(0.95).upper), two(limit(0.998).upper)]);
      expect(limit(0.95).upper).toBeGreaterThan(1);
      expect(limit(0.998).upper).toBeGreaterThan(limit(0.95).upper);

      // The curves drawn pass through those limits at the unit's expected count.
      const model = buildFunnelPlot({
        peers: await findPeerPoints(t.database.db, 'hvb'),
        unit: { observed: score.observed_recent, expected: E },
        tau2: tau2Signals,
        formLabel: 'HVB (hem för vård eller boende)',
      });
      const yTop = model.y.domain()[1];
      for (const [key, coverage] of [['95', 0.95], ['99.8', 0.998]] as const) {
        for (const side of ['upper', 'lower'] as const) {
          const curve = model.limits.find((l) => l.key === key && l.side === side)!;
          expect(html).toContain(`<path d="${curve.d}"`);
          expect(html).toContain(`data-limit="${side}-${key}"`);
          const at = curve.points.find((p) => p.expected === E)!;
          expect(at.ratio).toBeCloseTo(limit(coverage)[side], 12);
          expect(at.ratio).toBeLessThan(yTop);
          const point = `${Math.round(model.x(E) * 10) / 10},${Math.round(model.y(at.ratio) * 10) / 10}`;
          expect(curve.d).toContain(point);
        }
      }
      // Every peer of the form is a dot: as many distinct positions as the model has.
      expect(model.peerUnits).toBe((await scoredIds((u) => u.form === 'hvb')).length - model.withoutExpected);
    });

    it('escapes names, and says so plainly when a unit has no score', async () => {
      const analyst = await signInAs(t, 'analyst');
      const html = (await get(`/staff/risk/enhet/${world.tricky.id}`, analyst)).body;
      expect(html).toContain('HVB &lt;Tricky> &amp; &#34;Co&#34;');
      expect(html).not.toContain('<Tricky>');
      const list = (await get(`/staff/risk/kommun/${KOMMUN.vasby}`, analyst)).body;
      expect(list).not.toContain('<Tricky>');

      const closed = await t.database.db
        .insertInto('unit')
        .values({ id: `RWclosed-${process.pid}`, provider_id: world.hot.provider_id, name: 'Nyöppnat HVB', form: 'hvb', size: 8, kommun: KOMMUN.stockholm, opened: '2026-07-01', extra: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const unscored = await get(`/staff/risk/enhet/${closed.id}`, analyst);
      expect(unscored.statusCode).toBe(200);
      expect(unscored.body).toContain('Verksamheten har ingen riskpoäng');
      expect(unscored.body).not.toContain('data-chart="tratt"');
      expect((await get('/staff/risk/enhet/finns-inte', analyst)).statusCode).toBe(404);
      // A NUL byte cannot be in any id: not found, not a database error.
      for (const url of ['/staff/risk/enhet/%00', '/staff/risk/avdelning/%00', '/staff/risk?kommun=%00']) {
        expect((await get(url, analyst)).statusCode, url).toBeLessThan(500);
      }
    });
  });

  describe('the ranked list as JSON', () => {
    it('returns the ranked list with reasons, filtered and limited', async () => {
      const analyst = await signInAs(t, 'analyst');
      const response = await get('/api/v1/risk/units?form=hvb&limit=5', analyst, 'application/json');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.asOf).toBe(AS_OF);
      expect(body.total).toBe((await scoredIds((u) => u.form === 'hvb')).length);
      expect(body.items.map((i: { unitId: string }) => i.unitId)).toEqual((await scoredIds((u) => u.form === 'hvb')).slice(0, 5));
      for (const item of body.items) {
        expect(item.form).toBe('hvb');
        expect(item.reasons.length).toBeGreaterThan(0);
        expect(item.score).toBeGreaterThanOrEqual(0);
      }
      const malmo = (await get(`/api/v1/risk/units?county=12&limit=100`, analyst, 'application/json')).json();
      expect(malmo.items.map((i: { unitId: string }) => i.unitId)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      expect(malmo.items.every((i: { department: string; kommun: string }) => i.department === 'syd' && i.kommun === KOMMUN.malmo)).toBe(true);
      const medication = (await get('/api/v1/risk/units?riskArea=medication', analyst, 'application/json')).json();
      expect(medication.items.map((i: { unitId: string }) => i.unitId)).toEqual([world.medication.id]);
      // Pages: the next one starts at offset + limit, and together they are the whole list.
      const all = await scoredIds(() => true);
      const pages = [];
      for (let offset = 0; offset < all.length; offset += 3) pages.push(...(await get(`/api/v1/risk/units?limit=3&offset=${offset}`, analyst, 'application/json')).json().items.map((i: { unitId: string }) => i.unitId));
      expect(pages).toEqual(all);
      expect((await get('/api/v1/risk/units?department=ingen', analyst, 'application/json')).statusCode).toBe(404);
      expect((await get('/api/v1/risk/units?offset=-1', analyst, 'application/json')).statusCode).toBe(400);
      const bad = await get('/api/v1/risk/units?form=nonsense', analyst, 'application/json');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    });

    it("keeps an inspector to their own department's units", async () => {
      const inspector = await signInAs(t, 'inspector', 'syd');
      const own = (await get('/api/v1/risk/units?limit=100', inspector, 'application/json')).json();
      expect(own.items.map((i: { unitId: string }) => i.unitId)).toEqual(await scoredIds((u) => u.kommun === KOMMUN.malmo));
      expect((await get('/api/v1/risk/units?department=syd', inspector, 'application/json')).statusCode).toBe(200);
      expect((await get('/api/v1/risk/units?department=stockholm', inspector, 'application/json')).statusCode).toBe(404);
      expect((await get(`/api/v1/risk/units?kommun=${KOMMUN.stockholm}`, inspector, 'application/json')).json().items).toEqual([]);
    });

    it('is in the OpenAPI document under the risk tag', async () => {
      const document = (await get('/api/openapi.json', undefined, 'application/json')).json();
      expect(document.paths['/api/v1/risk/units'].get.tags).toEqual(['risk']);
    });
  });
});

describe.each(databaseKinds)('risk workspace before any run on %s', (kind) => {
  let t: TestApp;
  let world: RiskWorld;

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildRiskWorld(t.database.db, { units: 14 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const runCount = async () => Number((await t.database.db.selectFrom('risk_run').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('says there is no run yet; the inspector gets no button', async () => {
    const analyst = await signInAs(t, 'analyst');
    for (const url of ['/staff/risk', '/staff/risk/avdelning/syd', `/staff/risk/kommun/${KOMMUN.malmo}`, `/staff/risk/enhet/${world.hot.id}`]) {
      const response = await get(url, analyst);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('Det finns ingen riskberäkning ännu');
      expect(response.body, url).toContain('<form method="post" action="/staff/risk/berakna"');
      expect(response.body, url).not.toContain('data-unit-id=');
    }
    const inspector = await signInAs(t, 'inspector', 'syd');
    const page = await get('/staff/risk/avdelning/syd', inspector);
    expect(page.body).toContain('Det finns ingen riskberäkning ännu');
    expect(page.body).not.toContain('Beräkna nu');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/risk/units', headers: { cookie: analyst.cookie, accept: 'application/json' } });
    expect(api.json()).toEqual({ asOf: null, computedAt: null, total: 0, items: [] });
  });

  it('computes on command with a valid CSRF token only, then shows the list', async () => {
    const analyst = await signInAs(t, 'analyst');
    const post = (form: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/staff/risk/berakna', headers: { ...analyst.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    const forged = await post({ tillbaka: '/staff/risk' });
    expect(forged.statusCode).toBe(400);
    expect(await runCount()).toBe(0);
    const askedAt = Date.now();
    const done = await post({ _csrf: analyst.csrfToken, tillbaka: `/staff/risk/kommun/${KOMMUN.malmo}` });
    expect(done.statusCode).toBe(303);
    const noticeOf = (location: string) => Number(new URL(location, 'http://x').searchParams.get('startad'));
    expect(done.headers.location).toMatch(new RegExp(`^/staff/risk/kommun/${KOMMUN.malmo}\\?startad=\\d+$`));
    expect(noticeOf(done.headers.location as string)).toBeGreaterThanOrEqual(askedAt);
    expect(await runCount()).toBe(1);
    const scores = Number((await t.database.db.selectFrom('risk_score').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect(scores).toBe(14);
    const after = await get(done.headers.location as string, analyst);
    expect(after.body).toMatch(/Riskläget är beräknat för den \d+ \p{L}+ \d{4}: /u);
    expect(after.body).toContain('data-unit-id=');
    // A run asked for in the background is under way until a run has finished since; then it is done.
    const pending = (await get(`/staff/risk?startad=${Date.now()}`, analyst)).body;
    expect(pending).toContain('Beräkningen för hela landet har startat');
    const finished = (await get(`/staff/risk?startad=${askedAt}`, analyst)).body;
    expect(finished).not.toContain('har startat');
    expect(finished).toContain('Riskläget är beräknat');
    // A hand-made link announces nothing: no run was asked for at the epoch, or tomorrow.
    for (const made of ['1', String(Date.now() + 60_000), 'x']) {
      const page = (await get(`/staff/risk?startad=${made}`, analyst)).body;
      expect(page, made).not.toContain('Riskläget är beräknat');
      expect(page, made).not.toContain('har startat');
    }
    // The view's filters come back with it; an earlier notice and the page do not.
    const filtered = await post({ _csrf: analyst.csrfToken, tillbaka: '/staff/risk?form=hvb&riskomrade=medication&sida=3&startad=5#lista' });
    expect(filtered.headers.location).toMatch(/^\/staff\/risk\?form=hvb&riskomrade=medication&startad=\d{13}$/);
    // A way back elsewhere is not followed.
    const away = await post({ _csrf: analyst.csrfToken, tillbaka: 'https://example.com/' });
    expect(away.headers.location).toMatch(/^\/staff\/risk\?startad=\d{13}$/);
  });
});
