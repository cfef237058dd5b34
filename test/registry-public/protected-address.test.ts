import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildPermit, buildUnit } from '../support/factories.ts';

// A skyddat boende shelters people hiding from violence: the public never learns where it is.
describe.each(databaseKinds)('protected addresses of skyddade boenden on %s', (kind) => {
  let t: TestApp;
  let byHomeType: Awaited<ReturnType<typeof buildUnit>>;
  let byPermit: Awaited<ReturnType<typeof buildUnit>>;
  let ordinary: Awaited<ReturnType<typeof buildUnit>>;
  const located = { street: 'Hemliga vägen 7', postal_code: '15320', city: 'Järna', lat: 59.09, lon: 17.57, phone: '08-555 123 45', kommun: '0181' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    byHomeType = await buildUnit(db, { ...located, name: 'Skyddat boende Valldalen', home_type: 'skyddat', orientation: ['hedersrelaterat'] });
    byPermit = await buildUnit(db, { ...located, name: 'Tryggheten', home_type: 'boende' });
    await buildPermit(db, { unitId: byPermit.id, providerId: byPermit.provider_id, legalForm: 'skyddat_boende' });
    ordinary = await buildUnit(db, { ...located, street: 'Öppna gatan 3', phone: '08-111 222 33', name: 'HVB Öppenheten' });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const hidden = { street: null, postalCode: null, city: null, lat: null, lon: null, phone: null, addressProtected: true };

  it('leaves street, postcode, town, position and phone out of the register API, its lists and its change feed', async () => {
    for (const unit of [byHomeType, byPermit]) {
      const one = (await t.app.inject({ url: `/api/v1/register/units/${unit.id}` })).json();
      expect(one).toMatchObject({ ...hidden, kommun: '0181', name: unit.name });
    }
    expect((await t.app.inject({ url: `/api/v1/register/units/${ordinary.id}` })).json()).toMatchObject({ street: 'Öppna gatan 3', postalCode: '15320', city: 'Järna', lat: 59.09, phone: '08-111 222 33', addressProtected: false });
    const list = (await t.app.inject({ url: '/api/v1/register/units?kommun=0181&pageSize=100' })).json();
    const listed = new Map(list.items.map((u: { id: string }) => [u.id, u]));
    expect(listed.get(byHomeType.id)).toMatchObject(hidden);
    expect(listed.get(byPermit.id)).toMatchObject(hidden);
    const feed = (await t.app.inject({ url: '/api/v1/register/changes?since=0&limit=1000' })).json();
    const body = JSON.stringify(feed);
    expect(body).not.toContain('Hemliga vägen');
    expect(body).not.toContain('555 123 45');
  });

  it('shows the home page of a skyddat boende with its kommun and län only', async () => {
    const page = await get(`/hvb/${byHomeType.id}`);
    expect(page.statusCode).toBe(200);
    for (const secret of ['Hemliga vägen', '153 20', '15320', 'Järna', '555 123 45', '59,09', '59.09', '17,57']) expect(page.body, secret).not.toContain(secret);
    expect(page.body).toContain('Skyddad adress. Skyddade boenden visar inte var de ligger.');
    expect(page.body).toContain('Södertälje kommun');
    expect((await get(`/hvb/${ordinary.id}`)).body).toContain('Öppna gatan 3');
  });

  it('neither shows nor finds a skyddat boende by its address in the public forms’ unit search', async () => {
    const byStreet = await get('/tipsa/verksamhet?namn=Hemliga+v%C3%A4gen');
    expect(byStreet.statusCode).toBe(200);
    expect(byStreet.body).not.toContain(byHomeType.name);
    expect(byStreet.body).not.toContain(byPermit.name);
    const byName = await get(`/tipsa/verksamhet?namn=${encodeURIComponent('Skyddat boende Valldalen')}`);
    expect(byName.body).toContain('Skyddat boende Valldalen');
    expect(byName.body).not.toContain('Hemliga vägen');
    expect(byName.body).not.toContain('Järna');
  });
});
