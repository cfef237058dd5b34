import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { requests, snapshot } from './helpers.ts';

describe.each(databaseKinds)('opening a case: the form checks every field on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let inspector: SignedIn;
  let analystLike: SignedIn;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    unitId = (await buildUnit(t.database.db, { name: 'HVB Solrosen', kommun: '0180' })).id;
    inspector = await signInAs(t, 'inspector', 'stockholm');
    analystLike = await signInAs(t, 'inspector', 'syd');
  });
  afterAll(async () => {
    await t.close();
  });

  const valid = () => ({ action: 'save', caseType: 'complaint', title: 'Klagomål på vården', unitId, responsible: inspector.subject, dueOn: '' });

  const cases: [string, Record<string, string>, string, string][] = [
    ['an empty heading', { title: '   ' }, 'title', 'Skriv en ärendemening: vad ärendet gäller'],
    ['a personnummer in the heading', { title: 'Klagomål från 19121212-1212 om vården' }, 'title', 'Ärendemeningen är offentlig: skriv den utan personnummer'],
    ['a personnummer without a dash', { title: 'Klagomål gällande 201212121212' }, 'title', 'Ärendemeningen är offentlig: skriv den utan personnummer'],
    ['a heading over 300 characters', { title: 'x'.repeat(301) }, 'title', 'Ärendemeningen får vara högst 300 tecken'],
    ['an unknown unit', { unitId: 'U-finns-inte' }, 'unitId', 'Verksamheten finns inte i registret'],
    ['an unknown case type', { caseType: 'parking_ticket' }, 'caseType', 'Välj en ärendetyp'],
    ['a day the calendar does not have', { dueOn: '2026-02-30' }, 'dueOn', 'Skriv tidsfristen som ett datum'],
    ['an unknown signal', { signalIds: 'S-20260101-deadbeef' }, 'signalIds', 'Signalen S-20260101-deadbeef finns inte'],
    ['a responsible officer of another department', { responsible: '' }, 'responsible', 'Välj en handläggare som får utreda ärenden på ärendets avdelning'],
  ];

  for (const [what, change, field, message] of cases) {
    it(`answers 400 naming the field for ${what}, and writes nothing`, async () => {
      const form = { ...valid(), ...change };
      if (field === 'responsible') form.responsible = analystLike.subject;
      const before = await snapshot(t.database.db);
      const response = await http.post('/staff/arenden/nytt', inspector, form);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('govuk-error-summary');
      expect(response.body).toContain(`href="#${field}"`);
      expect(response.body).toContain(`id="${field}-error"`);
      expect(response.body).toContain(message);
      // What the person wrote is kept.
      if (form.title.trim() && form.title.length < 300) expect(response.body).toContain(form.title);
      expect(await snapshot(t.database.db)).toEqual(before);
    });
  }

  it('lists every problem at once', async () => {
    const before = await snapshot(t.database.db);
    const response = await http.post('/staff/arenden/nytt', inspector, { ...valid(), title: '', caseType: '', unitId: 'nope', dueOn: 'i morgon' });
    expect(response.statusCode).toBe(400);
    for (const field of ['caseType', 'title', 'unitId', 'dueOn']) expect(response.body).toContain(`href="#${field}"`);
    expect(await snapshot(t.database.db)).toEqual(before);
  });

  it('searches the register for the unit without losing what was written, and then opens the case', async () => {
    const search = await http.post('/staff/arenden/nytt', inspector, { ...valid(), unitId: '', unitQuery: 'Solros', action: 'search' });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Klagomål på vården');
    expect(search.body).toContain(`value="${unitId}"`);
    expect(search.body).toContain('HVB Solrosen');
    const empty = await http.post('/staff/arenden/nytt', inspector, { ...valid(), unitQuery: '', action: 'search' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Skriv namnet på verksamheten du söker');
    const opened = await http.post('/staff/arenden/nytt', inspector, valid());
    expect(opened.statusCode).toBe(303);
  });
});
