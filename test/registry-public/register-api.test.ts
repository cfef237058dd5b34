import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { buildHvbHomes, type HvbHomes } from './homes.ts';

describe.each(databaseKinds)('register API on %s', (kind) => {
  let t: TestApp;
  let homes: HvbHomes;

  beforeAll(async () => {
    t = await createTestApp(kind);
    homes = await buildHvbHomes(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  describe('GET /api/v1/register/hvb', () => {
    it('answers a page of homes with the total, each home in the documented shape', async () => {
      const response = await get('/api/v1/register/hvb?kommun=0180');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ page: 1, pageSize: 25, total: 2 });
      expect(body.items.map((home: { id: string }) => home.id)).toEqual([homes.asen.id, homes.obacken.id]);
      expect(body.items[0]).toEqual({
        id: homes.asen.id,
        name: 'Åsens HVB',
        form: 'hvb',
        homeType: 'behandlingshem',
        orientation: ['psykosocial', 'missbruk'],
        ageMin: 13,
        ageMax: 17,
        capacity: 6,
        kommun: { code: '0180', name: 'Stockholms kommun' },
        lan: { code: '01', name: 'Stockholms län' },
        status: 'active',
        provider: { id: homes.northCare.id, name: 'Norrsken Omsorg AB' },
      });
    });

    it('searches exactly as the page does, with repeatable parameters', async () => {
      const ids = async (query: string) => (await get(`/api/v1/register/hvb?${query}`)).json().items.map((home: { id: string }) => home.id);
      expect(await ids('name=%C3%B6stra')).toEqual([homes.zeta.id, homes.obacken.id]);
      expect(await ids('lan=01&age=16')).toEqual([homes.asen.id, homes.obacken.id]);
      expect(await ids('form=stodboende')).toEqual([homes.bjorken.id]);
      expect(await ids('homeType=utredningshem')).toEqual([homes.angsgarden.id]);
      expect(await ids('orientation=npf&orientation=ensamkommande')).toEqual([homes.bjorken.id, homes.angsgarden.id]);
      expect(await ids('status=dormant&status=banned')).toEqual([homes.bjorken.id, homes.angsgarden.id]);
      expect(await ids('status=active')).toEqual([homes.asen.id]);
      // A kommun's home has no permit of its own: it is not said to have an active one.
      expect(await ids('status=no_own_permit')).toEqual([homes.zeta.id]);
    });

    it('pages', async () => {
      const second = (await get('/api/v1/register/hvb?page=2&pageSize=2')).json();
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5 });
      expect(second.items.map((home: { id: string }) => home.id)).toEqual([homes.asen.id, homes.angsgarden.id]);
    });

    it.each([
      ['age=femton', 'querystring.age'],
      ['age=121', 'querystring.age'],
      ['kommun=Stockholm', 'querystring.kommun'],
      ['lan=1', 'querystring.lan'],
      ['status=closed', 'querystring.status.0'],
      ['orientation=sport', 'querystring.orientation.0'],
      ['form=sjukhus', 'querystring.form.0'],
      ['homeType=villa', 'querystring.homeType'],
      ['page=0', 'querystring.page'],
      ['pageSize=1000', 'querystring.pageSize'],
    ])('refuses %s with 400 naming the field', async (query, field) => {
      const response = await get(`/api/v1/register/hvb?${query}`);
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.fields).toEqual([{ field, message: expect.any(String) }]);
    });
  });

  describe('units', () => {
    it('lists units of any form with filters', async () => {
      const inStockholm = (await get('/api/v1/register/units?kommun=0180')).json();
      expect(inStockholm.total).toBe(3);
      expect(inStockholm.items.map((u: { id: string }) => u.id)).toEqual([homes.clinic.id, homes.asen.id, homes.obacken.id]);
      const clinics = (await get('/api/v1/register/units?form=vardcentral')).json();
      expect(clinics.items.map((u: { id: string }) => u.id)).toEqual([homes.clinic.id]);
      const ofEastCare = (await get(`/api/v1/register/units?providerId=${homes.eastCare.id}&pageSize=2`)).json();
      expect(ofEastCare).toMatchObject({ total: 3, pageSize: 2 });
      expect(ofEastCare.items.map((u: { id: string }) => u.id)).toEqual([homes.clinic.id, homes.zeta.id]);
    });

    it('shows one unit with its permits and their history, without the free-form extra data', async () => {
      const response = await get(`/api/v1/register/units/${homes.obacken.id}`);
      expect(response.statusCode).toBe(200);
      const unit = response.json();
      expect(unit).toMatchObject({ id: homes.obacken.id, providerId: homes.eastCare.id, name: 'Öbacken', form: 'hvb', kommun: '0180', ageMin: 15, ageMax: 20 });
      expect(unit).not.toHaveProperty('extra');
      expect(unit.permits).toHaveLength(1);
      expect(unit.permits[0]).toMatchObject({
        legalForm: 'hvb_barn',
        grantedOn: '2016-01-01',
        status: 'appeal_pending',
        statusFrom: '2024-09-20',
        history: [
          { status: 'active', from: '2016-01-01' },
          { status: 'revoked', from: '2024-09-01' },
          { status: 'appeal_pending', from: '2024-09-20' },
        ],
      });
    });

    it('answers 404 for an unknown unit and 400 for a bad filter', async () => {
      const missing = await get('/api/v1/register/units/no-such-unit');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('not_found');
      const bad = await get('/api/v1/register/units?form=castle');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('querystring.form');
    });
  });

  describe('providers', () => {
    it('lists providers and finds one by organisationsnummer, with or without the hyphen', async () => {
      const all = (await get('/api/v1/register/providers?pageSize=100')).json();
      expect(all.total).toBe(2);
      expect(all.items.map((p: { name: string }) => p.name)).toEqual(['Norrsken Omsorg AB', 'Östra Omsorg AB']);
      const orgnr = homes.eastCare.orgnr!;
      for (const written of [orgnr, `${orgnr.slice(0, 6)}-${orgnr.slice(6)}`]) {
        const found = (await get(`/api/v1/register/providers?orgnr=${written}`)).json();
        expect(found.items.map((p: { id: string }) => p.id)).toEqual([homes.eastCare.id]);
      }
      const bad = await get('/api/v1/register/providers?orgnr=55-12');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('querystring.orgnr');
    });

    it('shows one provider with its number of units, and 404 for an unknown one', async () => {
      const provider = (await get(`/api/v1/register/providers/${homes.eastCare.id}`)).json();
      expect(provider).toMatchObject({ id: homes.eastCare.id, name: 'Östra Omsorg AB', orgnr: homes.eastCare.orgnr, kind: 'company', unitCount: 3 });
      expect(provider).not.toHaveProperty('extra');
      expect((await get('/api/v1/register/providers/nobody')).statusCode).toBe(404);
    });

    it("never shows or searches by a sole trader's personnummer", async () => {
      const soleTrader = await buildProvider(t.database.db, { name: 'Anna Andersson Omsorg', orgnr: '8112189876' });
      expect((await get(`/api/v1/register/providers/${soleTrader.id}`)).json().orgnr).toBeNull();
      expect((await get('/api/v1/register/providers?orgnr=811218-9876')).json()).toMatchObject({ items: [], total: 0 });
    });
  });

  describe('GET /api/v1/register/changes', () => {
    it('feeds every unit, provider and permit in change order, and then only what changed since', async () => {
      const first = (await get('/api/v1/register/changes?since=0&limit=1000')).json();
      const seqs: number[] = first.items.map((item: { seq: number }) => item.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(first.next).toBe(seqs[seqs.length - 1]);
      const ids = (type: string) => first.items.filter((item: { type: string }) => item.type === type).map((item: { id: string }) => item.id);
      expect(ids('unit')).toEqual(expect.arrayContaining([homes.asen.id, homes.bjorken.id, homes.angsgarden.id, homes.zeta.id, homes.obacken.id, homes.clinic.id]));
      expect(ids('provider')).toEqual(expect.arrayContaining([homes.northCare.id, homes.eastCare.id]));
      expect(ids('permit')).toHaveLength(4);
      const asen = first.items.find((item: { id: string }) => item.id === homes.asen.id);
      expect(asen.data).toMatchObject({ id: homes.asen.id, name: 'Åsens HVB', providerId: homes.northCare.id, form: 'hvb', kommun: '0180' });
      const permit = first.items.find((item: { type: string }) => item.type === 'permit');
      expect(permit.data).toMatchObject({ id: permit.id, legalForm: expect.any(String), history: expect.any(Array) });

      const nothingYet = (await get(`/api/v1/register/changes?since=${first.next}`)).json();
      expect(nothingYet).toEqual({ items: [], next: first.next });

      await t.database.db
        .updateTable('unit')
        .set({ name: 'Åsens HVB och familjehem', change_seq: sql`nextval('register_change_seq')`, updated_at: sql`now()` })
        .where('id', '=', homes.asen.id)
        .execute();
      const unit = await buildUnit(t.database.db, { provider_id: homes.northCare.id, name: 'Nya hemmet' });

      const after = (await get(`/api/v1/register/changes?since=${first.next}`)).json();
      expect(after.items.map((item: { type: string; id: string }) => [item.type, item.id])).toEqual([
        ['unit', homes.asen.id],
        ['unit', unit.id],
      ]);
      expect(after.items[0].data.name).toBe('Åsens HVB och familjehem');
      expect(after.next).toBe(after.items[1].seq);
      expect(after.next).toBeGreaterThan(first.next);
    });

    it('pages with limit: since=next continues where the last answer stopped', async () => {
      const everything = (await get('/api/v1/register/changes?limit=1000')).json().items.map((item: { seq: number }) => item.seq);
      const seen: number[] = [];
      let since = 0;
      for (;;) {
        const page = (await get(`/api/v1/register/changes?since=${since}&limit=3`)).json();
        if (page.items.length === 0) break;
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item: { seq: number }) => item.seq));
        since = page.next;
      }
      expect(seen).toEqual(everything);
    });

    it('refuses a bad since or limit with 400 naming the field', async () => {
      for (const [query, field] of [
        ['since=-1', 'querystring.since'],
        ['since=abc', 'querystring.since'],
        ['limit=0', 'querystring.limit'],
        ['limit=5000', 'querystring.limit'],
      ]) {
        const response = await get(`/api/v1/register/changes?${query}`);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.fields[0].field).toBe(field);
      }
    });
  });

  it('documents every register route in the OpenAPI document, with parameters and responses', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of [
      '/api/v1/register/hvb',
      '/api/v1/register/units',
      '/api/v1/register/units/{id}',
      '/api/v1/register/providers',
      '/api/v1/register/providers/{id}',
      '/api/v1/register/changes',
    ]) {
      expect(doc.paths[path]?.get?.tags).toEqual(['register']);
      expect(doc.paths[path].get.responses['200']).toBeDefined();
    }
    const hvbParameters = doc.paths['/api/v1/register/hvb'].get.parameters.map((p: { name: string }) => p.name);
    expect(hvbParameters).toEqual(expect.arrayContaining(['name', 'kommun', 'lan', 'form', 'homeType', 'orientation', 'age', 'status', 'page', 'pageSize']));
    expect(doc.paths['/hvb']).toBeUndefined();
  });
});
