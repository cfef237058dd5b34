import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { get, makeCase, makeDecision, today } from './support.ts';

// The public decision search: published decisions with their public parts, searchable without signing in, and
// nothing of the people in the case — not the complainant, not the patient, not the officers.

describe.each(databaseKinds)('the public decision search on %s', (kind) => {
  let t: TestApp;
  let solrosen: { caseId: number; decisionId: number };
  let havsbrisen: { caseId: number; decisionId: number };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const provider = await buildProvider(db, { name: 'Solrosen Vård AB' });
    const unit = await buildUnit(db, { provider_id: provider.id, name: 'HVB Solrosen', kommun: '0180' });
    const malmo = await buildUnit(db, { name: 'Äldreboendet Havsbrisen', form: 'sabo', kommun: '1280', postal_code: '21115', city: 'Malmö', orientation: null, home_type: null, age_min: null, age_max: null });
    // The complaint behind the case names the patient and the complainant.
    await db
      .insertInto('signal')
      .values({
        id: 'S-PUBLIK-1',
        unit_id: unit.id,
        channel: 'complaint',
        received_at: new Date(),
        text: 'Min son Kalle Karlsson 20080512-1234 fick fel medicin på HVB Solrosen.',
        personnummer: '200805121234',
        contact: JSON.stringify({ name: 'Greta Karlsson', email: 'greta@example.se' }),
        extra: '{}',
      })
      .execute();
    const c1 = await makeCase(db, unit.id, { signalIds: ['S-PUBLIK-1'] });
    const d1 = await makeDecision(db, c1.id);
    solrosen = { caseId: c1.id, decisionId: d1.decisionId };
    const c2 = await makeCase(db, malmo.id, { title: 'Tillsyn av äldreboende' });
    const d2 = await makeDecision(db, c2.id, {
      tool: 'injunction',
      fineAmount: 200_000,
      summary: 'Äldreboendet har inte tillräcklig bemanning nattetid.',
      deficiencies: [{ finding: 'Bemanningen nattetid räcker inte för de boendes behov.', legalBasis: '3 kap. 3 § SoL', riskArea: 'staffing_competence', severity: 3 }],
    });
    havsbrisen = { caseId: c2.id, decisionId: d2.decisionId };
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists published decisions without sign-in: unit, provider, date, tool, deficiencies and summary, and no personal data', async () => {
    const page = await get(t, '/beslut');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('<h1 class="govuk-heading-xl">Beslut från tillsynen</h1>');
    expect(body).toContain('2 beslut');
    expect(body).toContain('HVB Solrosen: Krav på redovisning av åtgärder');
    expect(body).toContain('Solrosen Vård AB');
    expect(body).toContain('Läkemedel delades ut utan signering vid flera tillfällen.');
    expect(body).toContain('3 kap. 1 § HSL');
    expect(body).toContain('Läkemedelshantering');
    expect(body).toContain('IVO har granskat läkemedelshanteringen och avvikelsehanteringen och funnit brister.');
    expect(body).toContain('Äldreboendet Havsbrisen: Föreläggande');
    for (const secret of ['Kalle', 'Karlsson', '20080512', '200805121234', 'greta@example.se', 'Olle Officer', 'Dora Beslutsfattare', 'Klagomål på bemötande']) {
      expect(body, secret).not.toContain(secret);
    }
  });

  it('searches by name, kommun, form of operation, tool, risk area and year', async () => {
    const has = async (query: string, expected: string[]) => {
      const page = await get(t, `/beslut?${query}`);
      expect(page.statusCode, query).toBe(200);
      for (const name of ['HVB Solrosen:', 'Äldreboendet Havsbrisen:']) {
        if (expected.includes(name)) expect(page.body, `${query} → ${name}`).toContain(name);
        else expect(page.body, `${query} ↛ ${name}`).not.toContain(name);
      }
    };
    await has('namn=solros', ['HVB Solrosen:']);
    await has('namn=Vård%20AB', ['HVB Solrosen:']);
    await has('kommun=1280', ['Äldreboendet Havsbrisen:']);
    await has('verksamhetsform=hvb', ['HVB Solrosen:']);
    await has('beslut=injunction', ['Äldreboendet Havsbrisen:']);
    await has('riskomrade=medication', ['HVB Solrosen:']);
    await has('riskomrade=staffing_competence&kommun=1280', ['Äldreboendet Havsbrisen:']);
    await has(`ar=${today().slice(0, 4)}`, ['HVB Solrosen:', 'Äldreboendet Havsbrisen:']);
    await has('ar=2020', []);
    await has('namn=%25', []);
    expect((await get(t, '/beslut?beslut=ban')).body).toContain('Inga beslut hittades');
  });

  it('answers an impossible search with 400 and an error summary naming the field', async () => {
    const page = await get(t, '/beslut?kommun=9999&beslut=hemligt&ar=tjugo');
    expect(page.statusCode).toBe(400);
    for (const field of ['kommun', 'beslut', 'ar']) expect(page.body).toContain(`href="#${field}"`);
    expect(page.body).toContain('Välj en kommun i listan');
  });

  it('shows a decision’s page with a link to its PDF, which anyone can download', async () => {
    const page = await get(t, `/beslut/${havsbrisen.decisionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Föreläggande: Äldreboendet Havsbrisen');
    expect(page.body).toContain('200 000 kronor');
    expect(page.body).toContain('Bemanningen nattetid räcker inte för de boendes behov.');
    expect(page.body).toContain(`href="/beslut/${havsbrisen.decisionId}/pdf"`);
    const pdf = await get(t, `/beslut/${havsbrisen.decisionId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const solrosenPage = await get(t, `/beslut/${solrosen.decisionId}`);
    for (const secret of ['Kalle', '20080512', 'Greta', 'Olle Officer']) expect(solrosenPage.body, secret).not.toContain(secret);
    expect((await get(t, `/beslut/${havsbrisen.decisionId + 100}`)).statusCode).toBe(404);
    expect((await get(t, '/beslut/abc')).statusCode).toBe(404);
    expect((await get(t, `/beslut/${havsbrisen.decisionId + 100}/pdf`)).statusCode).toBe(404);
  });

  it('does not show a decision that is not published', async () => {
    await t.database.db.updateTable('case_decision').set({ published_at: null }).where('id', '=', solrosen.decisionId).execute();
    try {
      expect((await get(t, `/beslut/${solrosen.decisionId}`)).statusCode).toBe(404);
      expect((await get(t, `/beslut/${solrosen.decisionId}/pdf`)).statusCode).toBe(404);
      expect((await get(t, '/beslut')).body).not.toContain('HVB Solrosen:');
    } finally {
      await t.database.db.updateTable('case_decision').set({ published_at: new Date() }).where('id', '=', solrosen.decisionId).execute();
    }
  });
});
