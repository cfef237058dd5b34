import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { buildHvbHomes, type HvbHomes } from './homes.ts';

/** The ids of the homes a result page lists, in order. */
function listedHomeIds(html: string): string[] {
  const list = html.match(/<ol class="govuk-list vaka-results"[^>]*>([\s\S]*?)<\/ol>/)?.[1] ?? '';
  return [...list.matchAll(/href="\/hvb\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
}

describe.each(databaseKinds)('public HVB pages on %s', (kind) => {
  let t: TestApp;
  let homes: HvbHomes;

  beforeAll(async () => {
    t = await createTestApp(kind);
    homes = await buildHvbHomes(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  describe('/hvb', () => {
    it('shows the search form with every kommun and län, and all homes in Swedish order', async () => {
      const response = await page('/hvb');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      const html = response.body;
      expect(html).toContain('<html lang="sv"');
      expect(html).toContain('<form method="get" action="/hvb"');
      const kommunOptions = html.match(/<select[^>]*id="kommun"[^>]*>([\s\S]*?)<\/select>/)![1].match(/<option value="\d{4}"/g);
      expect(kommunOptions).toHaveLength(290);
      const lanOptions = html.match(/<select[^>]*id="lan"[^>]*>([\s\S]*?)<\/select>/)![1].match(/<option value="\d{2}"/g);
      expect(lanOptions).toHaveLength(21);
      // Swedish order: å, ä, ö after z, so Ystad < Åre < Älvdalen < Öckerö.
      const kommunNames = [...html.matchAll(/<option value="\d{4}"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
      expect(kommunNames.indexOf('Åre')).toBeLessThan(kommunNames.indexOf('Älvdalen'));
      expect(kommunNames.indexOf('Älvdalen')).toBeLessThan(kommunNames.indexOf('Öckerö'));
      expect(kommunNames.indexOf('Ystad')).toBeLessThan(kommunNames.indexOf('Åre'));
      expect(listedHomeIds(html)).toEqual([homes.bjorken.id, homes.zeta.id, homes.asen.id, homes.angsgarden.id, homes.obacken.id]);
      expect(html).toContain('5 hem hittades');
    });

    it('filters by every field of the form and keeps what was chosen', async () => {
      const response = await page('/hvb?name=&kommun=0180&lan=01&age=16&homeType=behandlingshem&orientation=kriminalitet&orientation=missbruk&status=active&form=hvb');
      expect(response.statusCode).toBe(200);
      expect(listedHomeIds(response.body)).toEqual([homes.asen.id]);
      expect(response.body).toContain('<option value="0180" selected>');
      expect(response.body).toMatch(/id="age" name="age" type="text" value="16"/);
      expect(response.body).toMatch(/id="orientation-2" name="orientation" type="checkbox" value="missbruk" checked/);
    });

    it('shows each result with its type, place, ages, orientation and status', async () => {
      const html = (await page('/hvb?name=%C3%96backen')).body;
      expect(listedHomeIds(html)).toEqual([homes.obacken.id]);
      expect(html).toContain('HVB, behandlingshem');
      expect(html).toContain('Stockholms kommun, Stockholms län');
      expect(html).toContain('15–20 år');
      expect(html).toContain('Normbrytande beteende och kriminalitet');
      expect(html).toContain('vaka-status--appeal_pending');
      expect(html).toContain('Överklagat beslut');
    });

    it('pages 25 at a time with links that keep the search', async () => {
      const db = t.database.db;
      const provider = await buildProvider(db, { name: 'Pagineringshem AB' });
      for (let i = 0; i < 27; i++) await buildUnit(db, { provider_id: provider.id, name: `Sidhemmet ${String(i).padStart(2, '0')}`, kommun: '2580' });
      const first = await page('/hvb?kommun=2580');
      expect(listedHomeIds(first.body)).toHaveLength(25);
      expect(first.body).toContain('27 hem hittades');
      expect(first.body).toContain('href="/hvb?kommun=2580&page=2"');
      const second = await page('/hvb?kommun=2580&page=2');
      expect(listedHomeIds(second.body)).toHaveLength(2);
      expect(second.body).toContain('Visar 26–27 av 27');
      expect(second.body).toContain('aria-current="page"');
      expect(second.body).toContain('<title>HVB-förteckningen, sida 2 av 2 – Vaka</title>');
    });

    it('answers a non-numeric age with 400 and an error summary that names and links the field', async () => {
      const response = await page('/hvb?age=femton&kommun=0180');
      expect(response.statusCode).toBe(400);
      const html = response.body;
      expect(html).toContain('<title>Fel: HVB-förteckningen – Vaka</title>');
      expect(html).toContain('govuk-error-summary');
      expect(html).toMatch(/<a href="#age">Ålder måste vara ett heltal[^<]*<\/a>/);
      expect(html).toContain('id="age-error"');
      expect(html).toContain('aria-describedby="age-hint age-error"');
      expect(html).toContain('value="femton"');
      expect(listedHomeIds(html)).toEqual([]);
    });

    it.each([
      ['kommun=9999', 'kommun', 'Välj en kommun i listan'],
      ['lan=99', 'lan', 'Välj ett län i listan'],
      ['form=sjukhus', 'form', 'Välj typ av boende bland alternativen'],
      ['homeType=slott', 'homeType', 'Välj typ av hem i listan'],
      ['orientation=sport', 'orientation', 'Välj inriktning bland alternativen'],
      ['status=stangd', 'status', 'Välj status bland alternativen'],
      [`name=${'x'.repeat(101)}`, 'name', 'Namn får vara högst 100 tecken'],
    ])('answers %s with 400 naming the field', async (query, field, message) => {
      const response = await page(`/hvb?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`<a href="#${field}">${message}</a>`);
    });

    it('escapes what people typed and what the register holds', async () => {
      await buildUnit(t.database.db, { name: '<script>alert("hem")</script>', kommun: '0380' });
      const typed = await page(`/hvb?name=${encodeURIComponent('"><script>alert(1)</script>')}`);
      // Inside a quoted attribute only the quote could break out, and it is escaped.
      expect(typed.body).not.toContain('"><script>alert(1)');
      expect(typed.body).toContain('value="&#34;><script>alert(1)</script>"');
      const held = await page('/hvb?kommun=0380');
      expect(held.body).not.toContain('<script>alert("hem")');
      expect(held.body).toContain('&lt;script>alert(&#34;hem&#34;)&lt;/script>');
    });

    it('shows a change to the register in the very next search, also one asked for before', async () => {
      const search = '/hvb?kommun=2281&age=14';
      const before = await page(search);
      expect(listedHomeIds(before.body)).toEqual([]);
      expect((await page(search)).body).toBe(before.body);
      const unit = await buildUnit(t.database.db, { name: 'Nyöppnade hemmet', kommun: '2281', age_min: 12, age_max: 16 });
      const after = await page(search);
      expect(after.headers['content-type']).toContain('text/html');
      expect(listedHomeIds(after.body)).toEqual([unit.id]);
      expect(listedHomeIds((await page(`${search}&name=ny`)).body)).toEqual([unit.id]);
      expect(listedHomeIds((await page('/hvb?kommun=2281&age=17')).body)).toEqual([]);
    });
  });

  describe('/hvb/:id', () => {
    it('shows everything the HVB list holds about a home', async () => {
      const response = await page(`/hvb/${homes.asen.id}`);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('<h1 class="govuk-heading-xl">Åsens HVB</h1>');
      expect(html).toContain('HVB (hem för vård eller boende)');
      expect(html).toContain('Behandlingshem');
      expect(html).toContain('Psykosocial problematik, Missbruk och beroende');
      expect(html).toContain('13–17 år');
      expect(html).toContain('<dd class="govuk-summary-list__value">6</dd>');
      expect(html).toContain('Storgatan 1, 111 22 Stockholm');
      expect(html).toContain('href="tel:0812345678"');
      expect(html).toContain('href="mailto:info@example.se"');
      expect(html).toContain('href="https://asen.example.se"');
      expect(html).toContain('Stockholms kommun');
      expect(html).toContain('Stockholms län');
      expect(html).toContain('59,3300° N, 18,0600° O');
      expect(html).toMatch(/<svg class="vaka-map"[^>]*role="img"/);
      expect(html).toContain('<circle');
      expect(html).toContain('Norrsken Omsorg AB');
      const orgnr = homes.northCare.orgnr!;
      expect(html).toContain(`${orgnr.slice(0, 6)}-${orgnr.slice(6)}`);
      expect(html).toContain('Aktivt tillstånd');
      expect(html).toContain('Verksamheten har tillstånd från IVO och får ta emot placeringar.');
      expect(html).toContain('Hem för vård eller boende för barn och unga');
      expect(html).toContain('1 maj 2019');
    });

    it('explains the status in plain words with its history, but not the reasons', async () => {
      const html = (await page(`/hvb/${homes.angsgarden.id}`)).body;
      expect(html).toContain('IVO har förbjudit verksamheten att fortsätta.');
      expect(html).toContain('Gäller sedan 10 februari 2024.');
      expect(html).toMatch(/1 mars 2017<\/td>\s*<td class="govuk-table__cell">Aktivt tillstånd/);
      expect(html).toMatch(/10 februari 2024<\/td>\s*<td class="govuk-table__cell">Förbud/);
      expect(html).not.toContain('Allvarliga brister');
    });

    it('says when a home has no permit of its own', async () => {
      const html = (await page(`/hvb/${homes.zeta.id}`)).body;
      expect(html).toContain('Det finns inget eget tillstånd registrerat för hemmet');
      // Its tag says the same, not "Aktivt tillstånd" for a permit that does not exist; so does the list.
      expect(html).toContain('Inget eget tillstånd</strong>');
      expect(html).not.toContain('Aktivt tillstånd');
      const list = (await page(`/hvb?status=no_own_permit&name=zeta`)).body;
      expect(listedHomeIds(list)).toEqual([homes.zeta.id]);
      expect(list).toContain('Inget eget tillstånd</strong>');
    });

    it("hides a sole trader's personnummer", async () => {
      const soleTrader = await buildProvider(t.database.db, { name: 'Anna Andersson Omsorg', orgnr: '8112189876' });
      const unit = await buildUnit(t.database.db, { provider_id: soleTrader.id, name: 'Annas hem' });
      const html = (await page(`/hvb/${unit.id}`)).body;
      expect(html).toContain('Visas inte (enskild näringsidkare)');
      expect(html).not.toContain('811218');
    });

    it('answers 404 for an unknown id and for a unit that is not an HVB or stödboende', async () => {
      for (const id of ['no-such-home', homes.clinic.id]) {
        const response = await page(`/hvb/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.body).toContain('Hemmet finns inte');
        expect(response.body).toContain('href="/hvb"');
      }
    });
  });
});
