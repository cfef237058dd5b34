import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/platform/audit/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildPermit, buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';

// Official test personnummer (Skatteverket), never assigned to a real person.
const TEST_PERSONNUMMER = '189001019802';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

describe.each(databaseKinds)('staff register pages on %s', (kind) => {
  let t: TestApp;
  let stockholmUnit: Unit;
  let malmoUnit: Unit;
  let complaintId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    stockholmUnit = await buildUnit(db, { name: 'HVB Solrosen', kommun: '0180', postal_code: '11122', city: 'Stockholm' });
    malmoUnit = await buildUnit(db, { name: 'HVB Havsbrisen', kommun: '1280', postal_code: '21115', city: 'Malmö' });
    await buildPermit(db, {
      unitId: stockholmUnit.id,
      providerId: stockholmUnit.provider_id,
      history: [
        { status: 'active', from: '2020-01-01' },
        { status: 'banned', from: '2024-03-01', reason: 'Brister i bemanningen' },
        { status: 'inhibition', from: '2024-03-10', reason: 'Förvaltningsrätten inhiberade' },
      ],
    });
    await db
      .insertInto('provider_notification')
      .values([
        { id: `N-late-${stockholmUnit.id}`, provider_id: stockholmUnit.provider_id, unit_id: stockholmUnit.id, kind: 'new', event_date: '2020-01-01', received_on: '2019-12-20', description: 'Start av verksamheten', extra: '{}' },
        { id: `N-ok-${stockholmUnit.id}`, provider_id: stockholmUnit.provider_id, unit_id: stockholmUnit.id, kind: 'change', event_date: '2023-05-01', received_on: '2023-05-10', description: 'Ny föreståndare', extra: '{}' },
      ])
      .execute();
    complaintId = `S-complaint-${stockholmUnit.id}`;
    await db
      .insertInto('signal')
      .values([
        { id: complaintId, unit_id: stockholmUnit.id, channel: 'complaint', received_at: new Date('2025-02-03T10:00:00Z'), severity: 3, urgency: 'high', text: 'Min son fick fel medicin <script>alert(1)</script>', personnummer: TEST_PERSONNUMMER, extra: '{}' },
        { id: `S-tip-${stockholmUnit.id}`, unit_id: stockholmUnit.id, channel: 'tip', received_at: new Date('2025-01-03T10:00:00Z'), severity: 2, urgency: 'normal', text: 'Personalen räcker inte till', personnummer: null, extra: '{}' },
        { id: `S-malmo-${malmoUnit.id}`, unit_id: malmoUnit.id, channel: 'complaint', received_at: new Date('2025-02-04T10:00:00Z'), severity: 2, urgency: 'normal', text: 'Klagomål', personnummer: TEST_PERSONNUMMER, extra: '{}' },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, who?: SignedIn, accept = 'text/html') => t.app.inject({ method: 'GET', url, headers: { accept, ...(who ? { cookie: who.cookie } : {}) } });
  const post = (url: string, who: SignedIn, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
  const auditCount = async () => Number((await t.database.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const changeCount = async (unitId: string) =>
    Number((await t.database.db.selectFrom('register_change').select(sql<number>`count(*)`.as('n')).where('entity_id', '=', unitId).executeTakeFirstOrThrow()).n);
  const unitRow = (id: string) => t.database.db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  function formFor(unit: Unit, overrides: Record<string, string> = {}): Record<string, string> {
    return {
      name: unit.name,
      street: unit.street ?? '',
      postal_code: unit.postal_code ?? '',
      city: unit.city ?? '',
      kommun: unit.kommun,
      size: String(unit.size),
      capacity: String(unit.capacity ?? ''),
      age_min: String(unit.age_min ?? ''),
      age_max: String(unit.age_max ?? ''),
      phone: unit.phone ?? '',
      email: unit.email ?? '',
      website: unit.website ?? '',
      closed: unit.closed ?? '',
      reason: '',
      ...overrides,
    };
  }

  describe('signed out', () => {
    it('sends pages to sign-in with the way back', async () => {
      const response = await get('/staff');
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/auth/login?returnTo=%2Fstaff');
      const unit = await get(`/staff/units/${stockholmUnit.id}?x=1`);
      expect(unit.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent(`/staff/units/${stockholmUnit.id}?x=1`)}`);
    });

    it('answers API-style requests and posts with 401, changing nothing', async () => {
      const api = await get('/staff', undefined, 'application/json');
      expect(api.statusCode).toBe(401);
      expect(api.json().error.code).toBe('unauthenticated');
      const before = await unitRow(stockholmUnit.id);
      const response = await t.app.inject({
        method: 'POST',
        url: `/staff/units/${stockholmUnit.id}/rattelse`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams(formFor(stockholmUnit, { name: 'Kapad', reason: 'x' })).toString(),
      });
      expect(response.statusCode).toBe(401);
      expect(await unitRow(stockholmUnit.id)).toEqual(before);
    });

    it('treats an expired or unknown session as signed out', async () => {
      const who = await signInAs(t, 'analyst');
      await t.database.db.updateTable('staff_session').set({ expires_at: new Date(Date.now() - 1000) }).where('subject', '=', who.subject).execute();
      expect((await get('/staff', who)).statusCode).toBe(302);
      expect((await get('/staff', { ...who, cookie: 'vaka_session=nonsense' })).statusCode).toBe(302);
    });
  });

  describe('start page and administration', () => {
    it('greets the person, searches units by name, orgnr and kommun, and counts units by form', async () => {
      const who = await signInAs(t, 'analyst');
      const start = await get('/staff', who);
      expect(start.statusCode).toBe(200);
      expect(start.headers['cache-control']).toBe('no-store');
      expect(start.body).toContain(`Välkommen, ${who.name}`);
      expect(start.body).toMatch(/HVB \(hem för vård eller boende\)<\/td><td class="govuk-table__cell govuk-table__cell--numeric">\d+/);

      const byName = await get('/staff?q=solros', who);
      expect(byName.body).toContain(`href="/staff/units/${stockholmUnit.id}"`);
      expect(byName.body).not.toContain(`href="/staff/units/${malmoUnit.id}"`);

      const provider = await t.database.db.selectFrom('provider').select('orgnr').where('id', '=', malmoUnit.provider_id).executeTakeFirstOrThrow();
      const byOrgnr = await get(`/staff?q=${provider.orgnr!.slice(0, 6)}-${provider.orgnr!.slice(6)}`, who);
      expect(byOrgnr.body).toContain(`href="/staff/units/${malmoUnit.id}"`);
      expect(byOrgnr.body).not.toContain(`href="/staff/units/${stockholmUnit.id}"`);

      const byKommun = await get('/staff?q=Malm%C3%B6', who);
      expect(byKommun.body).toContain(`href="/staff/units/${malmoUnit.id}"`);
      expect((await get('/staff?q=1280', who)).body).toContain(`href="/staff/units/${malmoUnit.id}"`);

      const none = await get('/staff?q=%25%25finnsinte', who);
      expect(none.body).toContain('Inga verksamheter matchar');
    });

    it('escapes what people typed', async () => {
      const who = await signInAs(t, 'analyst');
      const response = await get(`/staff?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`, who);
      // Text has < escaped; inside a quoted attribute only " and & need it.
      expect(response.body.replace(/value="[^"]*"/g, '')).not.toContain('<img');
      expect(response.body).toContain('value="<img src=x onerror=alert(1)>"');
      expect(response.body).toContain('matchar ”&lt;img src=x onerror=alert(1)>”');
    });

    it('shows the administration page to administrators only; everyone else gets 404', async () => {
      const admin = await signInAs(t, 'administrator');
      const page = await get('/staff/admin', admin);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Behörigheter per roll');
      expect(page.body).toContain('Avdelning Stockholm (stockholm)');
      expect(page.body).toContain('Skåne län (12)');
      for (const [role, department] of [['inspector', 'stockholm'], ['analyst'], ['permit_officer'], ['registrar'], ['decision_maker']] as const) {
        const who = await signInAs(t, role, department);
        const denied = await get('/staff/admin', who);
        expect(denied.statusCode, role).toBe(404);
        expect(denied.body).not.toContain('Behörigheter per roll');
        expect((await get('/staff/audit', who)).statusCode, role).toBe(404);
        expect((await post('/staff/audit/verify', who, { _csrf: who.csrfToken })).statusCode, role).toBe(404);
      }
    });

    it('lets administrators read the audit log and verify its chain', async () => {
      const admin = await signInAs(t, 'administrator');
      const page = await get('/staff/audit', admin);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Kontrollera hela loggen');
      const noToken = await post('/staff/audit/verify', admin, {});
      expect(noToken.statusCode).toBe(400);
      const verified = await post('/staff/audit/verify', admin, { _csrf: admin.csrfToken });
      expect(verified.statusCode).toBe(200);
      expect(verified.body).toContain('Loggen är hel');

      // A row edited behind the append-only trigger is named, in the page's error summary; then put back.
      const db = t.database.db;
      await db.transaction().execute((trx) => recordAudit(trx, { actor: 'test', action: 'unit.read', entityType: 'unit', entityId: stockholmUnit.id, reason: 'Tillsyn' }));
      const row = await db.selectFrom('audit_log').select(['id', 'reason']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      const editBehindTrigger = async (reason: string | null) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
        await sql`update audit_log set reason = ${reason} where id = ${row.id}`.execute(db);
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
      };
      await editBehindTrigger('Ingen rättelse');
      try {
        const broken = await post('/staff/audit/verify', admin, { _csrf: admin.csrfToken });
        expect(broken.statusCode).toBe(200);
        expect(broken.body).toMatch(/<div class="govuk-error-summary"[^>]*>\s*<div role="alert">\s*<h2 class="govuk-error-summary__title">Loggen har manipulerats<\/h2>/);
        expect(broken.body).toContain(`Kedjan bryts vid rad ${row.id}`);
      } finally {
        await editBehindTrigger(row.reason);
      }
      expect((await post('/staff/audit/verify', admin, { _csrf: admin.csrfToken })).body).toContain('Loggen är hel');
    });
  });

  describe('unit page', () => {
    it('shows register fields, provider, permits with history, notification warnings, recent signals — but no personnummer', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const response = await get(`/staff/units/${stockholmUnit.id}`, who);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('HVB Solrosen');
      expect(html).toContain('Storgatan 1, 11122 Stockholm');
      expect(html).toContain('Avdelning Stockholm');
      expect(html).toContain('Testomsorg');
      expect(html).toContain('Förvaltningsrätten inhiberade');
      expect(html).toContain('vaka-status--inhibition');
      expect(html).toContain('För sent anmäld: en ny verksamhet ska anmälas senast en månad innan den startar, alltså senast 2019-12-01.');
      expect(html).toContain('1 av 2 anmälningar kom in för sent.');
      expect(html).toContain('Klagomål');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain(TEST_PERSONNUMMER);
      expect(html).not.toContain('19800101');
      expect(html).toContain(`/staff/units/${stockholmUnit.id}/signals/${complaintId}/personuppgifter`);
      expect(html).toContain('Rätta uppgifter');
    });

    it('answers 404 for a unit that does not exist', async () => {
      const who = await signInAs(t, 'analyst');
      expect((await get('/staff/units/NOPE', who)).statusCode).toBe(404);
    });

    it('hides the correction button and personal data links from an inspector of another department', async () => {
      const outsider = await signInAs(t, 'inspector', 'syd');
      const response = await get(`/staff/units/${stockholmUnit.id}`, outsider);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('Rätta uppgifter');
      expect(response.body).not.toContain('/personuppgifter');
      expect(response.body).not.toContain(TEST_PERSONNUMMER);
    });
  });

  describe('correction', () => {
    const url = () => `/staff/units/${stockholmUnit.id}/rattelse`;

    it('shows the form filled in with the register values', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const response = await get(url(), who);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('name="_csrf"');
      expect(response.body).toContain('value="HVB Solrosen"');
      expect(response.body).toContain('<option value="0180" selected>Stockholm');
    });

    it('refuses a correction without a reason: 400, error summary, nothing changed', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const before = await unitRow(stockholmUnit.id);
      const audits = await auditCount();
      const response = await post(url(), who, { ...formFor(stockholmUnit, { name: 'HVB Solrosen Nya' }), _csrf: who.csrfToken });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('govuk-error-summary');
      expect(response.body).toContain('<a href="#reason">Skriv varför uppgifterna rättas</a>');
      expect(response.body).toContain('value="HVB Solrosen Nya"');
      expect(response.body).toContain('<title>Fel: ');
      expect(await unitRow(stockholmUnit.id)).toEqual(before);
      expect(await changeCount(stockholmUnit.id)).toBe(0);
      expect(await auditCount()).toBe(audits);
    });

    it('names every wrong field in Swedish', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const response = await post(url(), who, {
        ...formFor(stockholmUnit, { postal_code: '21115', size: '0', age_min: '18', age_max: '12', email: 'inte-en-adress', kommun: '9999', reason: 'Test' }),
        _csrf: who.csrfToken,
      });
      expect(response.statusCode).toBe(400);
      const links = [...response.body.matchAll(/<li><a href="#([a-z_]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
      expect(links).toEqual([
        ['kommun', 'Välj en kommun som finns i listan'],
        ['size', 'Storleken ska vara ett tal större än 0'],
        ['age_max', 'Högsta ålder får inte vara lägre än lägsta ålder'],
        ['email', 'Ange en e-postadress i rätt format, till exempel namn@exempel.se'],
      ]);
      const wrongKommun = await post(url(), who, { ...formFor(stockholmUnit, { postal_code: '21115', reason: 'Test' }), _csrf: who.csrfToken });
      expect(wrongKommun.statusCode).toBe(400);
      expect(wrongKommun.body).toContain('Postnumret hör till Malmö kommun, inte till Stockholms kommun');
      const shortCode = await post(url(), who, { ...formFor(stockholmUnit, { postal_code: '1112', age_min: '121', reason: 'Test' }), _csrf: who.csrfToken });
      expect(shortCode.body).toContain('Postnumret ska ha fem siffror');
      expect(shortCode.body).toContain('Lägsta ålder ska vara ett heltal mellan 0 och 120');
      expect(await changeCount(stockholmUnit.id)).toBe(0);
    });

    it('refuses a post without the CSRF token, or with another session’s, and changes nothing', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const other = await signInAs(t, 'inspector', 'stockholm');
      const before = await unitRow(stockholmUnit.id);
      const audits = await auditCount();
      for (const token of [undefined, other.csrfToken, '']) {
        const form = formFor(stockholmUnit, { name: 'Förfalskat', reason: 'Förfalskat' });
        const response = await post(url(), who, token === undefined ? form : { ...form, _csrf: token });
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('säkerhetskontrollen');
      }
      expect(await unitRow(stockholmUnit.id)).toEqual(before);
      expect(await changeCount(stockholmUnit.id)).toBe(0);
      expect(await auditCount()).toBe(audits);
    });

    it('gives an inspector of another department 404 and changes nothing', async () => {
      const outsider = await signInAs(t, 'inspector', 'syd');
      const analyst = await signInAs(t, 'analyst');
      const before = await unitRow(stockholmUnit.id);
      const audits = await auditCount();
      expect((await get(url(), outsider)).statusCode).toBe(404);
      const response = await post(url(), outsider, { ...formFor(stockholmUnit, { name: 'Fel avdelning', reason: 'Försök' }), _csrf: outsider.csrfToken });
      expect(response.statusCode).toBe(404);
      const byAnalyst = await post(url(), analyst, { ...formFor(stockholmUnit, { name: 'Analytiker', reason: 'Försök' }), _csrf: analyst.csrfToken });
      expect(byAnalyst.statusCode).toBe(404);
      expect(await unitRow(stockholmUnit.id)).toEqual(before);
      expect(await changeCount(stockholmUnit.id)).toBe(0);
      expect(await auditCount()).toBe(audits);
    });

    it('corrects with a reason: the unit, one register_change row, exactly one audit row; history on the unit page', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const before = await unitRow(stockholmUnit.id);
      const audits = await auditCount();
      const response = await post(url(), who, {
        ...formFor(stockholmUnit, { name: 'HVB Solrosen Norra', postal_code: '111 20', size: '9,5', email: 'kontakt@solrosen.se', reason: 'Verksamheten meddelade nytt namn i telefon 2025-03-01' }),
        _csrf: who.csrfToken,
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/staff/units/${stockholmUnit.id}?rattad=1#historik`);

      const after = await unitRow(stockholmUnit.id);
      expect(after).toMatchObject({ name: 'HVB Solrosen Norra', postal_code: '11120', size: 9.5, email: 'kontakt@solrosen.se', street: before.street, kommun: '0180' });
      expect(after.change_seq).toBeGreaterThan(before.change_seq);
      expect(new Date(after.updated_at as unknown as Date).getTime()).toBeGreaterThanOrEqual(new Date(before.updated_at as unknown as Date).getTime());

      const changes = await t.database.db.selectFrom('register_change').selectAll().where('entity_id', '=', stockholmUnit.id).execute();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        entity_type: 'unit',
        action: 'correct',
        changed_by: `${who.name} (${who.subject})`,
        reason: 'Verksamheten meddelade nytt namn i telefon 2025-03-01',
        before: { name: 'HVB Solrosen', postal_code: '11122', size: 8, email: 'info@example.se' },
        after: { name: 'HVB Solrosen Norra', postal_code: '11120', size: 9.5, email: 'kontakt@solrosen.se' },
      });

      expect(await auditCount()).toBe(audits + 1);
      const audit = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor: `staff:${who.subject}`, action: 'unit.correct', entity_type: 'unit', entity_id: stockholmUnit.id, reason: 'Verksamheten meddelade nytt namn i telefon 2025-03-01' });
      expect(audit.details).toEqual({ fields: ['name', 'postal_code', 'size', 'email'], registerChangeId: changes[0].id });

      const page = await get(`/staff/units/${stockholmUnit.id}?rattad=1`, who);
      expect(page.body).toContain('Uppgifterna är rättade');
      const history = page.body.slice(page.body.indexOf('id="historik"'));
      expect(history).toContain(`${who.name} (${who.subject})`);
      expect(history).toContain('Verksamheten meddelade nytt namn i telefon 2025-03-01');
      expect(history).toMatch(/Namn<\/th><td class="govuk-table__cell">HVB Solrosen<\/td><td class="govuk-table__cell">HVB Solrosen Norra<\/td>/);
      expect(history).toMatch(/Postnummer<\/th><td class="govuk-table__cell">11122<\/td><td class="govuk-table__cell">11120<\/td>/);
      stockholmUnit = after;
    });

    it('refuses a correction that changes nothing', async () => {
      const who = await signInAs(t, 'permit_officer');
      const response = await post(url(), who, { ...formFor(stockholmUnit, { reason: 'Inget' }), _csrf: who.csrfToken });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Ingen uppgift har ändrats');
    });

    it('lets a permit officer correct units in any department', async () => {
      const who = await signInAs(t, 'permit_officer');
      const response = await post(`/staff/units/${malmoUnit.id}/rattelse`, who, { ...formFor(malmoUnit, { closed: '2025-06-30', reason: 'Nedläggning anmäld' }), _csrf: who.csrfToken });
      expect(response.statusCode).toBe(303);
      expect((await unitRow(malmoUnit.id)).closed).toBe('2025-06-30');
      expect(await changeCount(malmoUnit.id)).toBe(1);
    });
  });

  describe('personal data', () => {
    const url = () => `/staff/units/${stockholmUnit.id}/signals/${complaintId}/personuppgifter`;
    const reads = () => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'signal.personal_data.read').execute();

    it('asks why before showing anything, and logs nothing for asking', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const before = (await reads()).length;
      const form = await get(url(), who);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Varför behöver du se personuppgifterna?');
      expect(form.body).not.toContain(TEST_PERSONNUMMER);
      expect(form.body).not.toContain('18900101-9802');
      const noReason = await post(url(), who, { reason: '  ', _csrf: who.csrfToken });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('<a href="#reason">Skriv varför du behöver se personuppgifterna</a>');
      expect(noReason.body).not.toContain('18900101-9802');
      expect((await reads()).length).toBe(before);
    });

    it('shows the personnummer to an inspector of the department and writes exactly one audit row', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const audits = await auditCount();
      const response = await post(url(), who, { reason: 'Utredning av klagomålet', _csrf: who.csrfToken });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toContain('18900101-9802');
      expect(await auditCount()).toBe(audits + 1);
      const row = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ actor: `staff:${who.subject}`, action: 'signal.personal_data.read', entity_type: 'signal', entity_id: complaintId, reason: 'Utredning av klagomålet' });
      expect(row.details).toEqual({ unitId: stockholmUnit.id, fields: ['personnummer'] });
    });

    it('refuses the read without the CSRF token, logging nothing', async () => {
      const who = await signInAs(t, 'inspector', 'stockholm');
      const audits = await auditCount();
      const response = await post(url(), who, { reason: 'Utredning' });
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain('18900101-9802');
      expect(await auditCount()).toBe(audits);
    });

    it('gives 404 to an inspector of another department, and to roles without the right, logging nothing', async () => {
      const audits = await auditCount();
      for (const [role, department] of [['inspector', 'syd'], ['analyst'], ['administrator'], ['permit_officer']] as const) {
        const who = await signInAs(t, role, department);
        expect((await get(url(), who)).statusCode, role).toBe(404);
        const response = await post(url(), who, { reason: 'Nyfiken', _csrf: who.csrfToken });
        expect(response.statusCode, role).toBe(404);
        expect(response.body).not.toContain('18900101-9802');
      }
      expect(await auditCount()).toBe(audits);
    });

    it('lets a registrar (national) read it, and 404s a signal of another unit or without personal data', async () => {
      const registrar = await signInAs(t, 'registrar');
      expect((await post(url(), registrar, { reason: 'Diarieföring', _csrf: registrar.csrfToken })).statusCode).toBe(200);
      const mismatched = `/staff/units/${stockholmUnit.id}/signals/S-malmo-${malmoUnit.id}/personuppgifter`;
      expect((await get(mismatched, registrar)).statusCode).toBe(404);
      expect((await get(`/staff/units/${stockholmUnit.id}/signals/S-tip-${stockholmUnit.id}/personuppgifter`, registrar)).statusCode).toBe(404);
    });
  });
});
