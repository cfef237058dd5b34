import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { signInAs } from '../support/staff-session.ts';
import { countRows, postForm, postUpload, signInAsRepresentative } from './support.ts';

/** A lex Maria report as a provider fills it in: no root causes, one action that removes the risk. */
function lexMariaWithoutRootCauses(unitId: string): Record<string, string> {
  return {
    enhet: unitId,
    handelsedatum: '2026-09-14',
    handelse: 'En patient fick dubbel dos insulin under natten eftersom ordinationen lästes fel.',
    konsekvenser: 'Patienten fick lågt blodsocker och fördes till akuten. Hade kunnat leda till allvarlig skada.',
    utredning: 'Händelseanalys med berörd personal och genomgång av journalen.',
    'atgard-1-beskrivning': 'Elektronisk dubbelsignering av insulinordinationer införs.',
    'atgard-1-ansvarig': 'Verksamhetschef',
    'atgard-1-klart': '2026-12-31',
    'atgard-1-effekt': 'eliminates',
    uppfoljning: 'Månatlig journalgranskning under ett år.',
    handling: 'skicka',
  };
}

describe.each(databaseKinds)('lex Maria and lex Sarah reports by provider representatives on %s', (kind) => {
  let t: TestApp;
  let region: { id: string; name: string };
  let vardcentral: { id: string; name: string };
  let otherProvider: { id: string };
  let otherUnit: { id: string };
  let hvb: { id: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    region = await buildProvider(db, { name: 'Region Testland', kind: 'region' });
    vardcentral = await buildUnit(db, { provider_id: region.id, name: 'Vårdcentralen Fruängen', form: 'vardcentral', operation_codes: ['A10'], orientation: null, home_type: null, age_min: null, age_max: null });
    hvb = await buildUnit(db, { provider_id: region.id, name: 'HVB Regionens Ungdomshem', form: 'hvb' });
    otherProvider = await buildProvider(db, { name: 'Annan Vård AB' });
    otherUnit = await buildUnit(db, { provider_id: otherProvider.id, name: 'Annans Vårdcentral', form: 'vardcentral', operation_codes: ['A10'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('flags a lex Maria report without root causes before sending, and stores the flag for staff when sent anyway', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const form = await t.app.inject({ url: '/provider/rapporter/ny?typ=lex_maria', headers: who.headers });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Anmälan enligt lex Maria');
    expect(form.body).toContain('Vårdcentralen Fruängen');
    expect(form.body).not.toContain('Annans Vårdcentral');
    expect(form.body).not.toContain('HVB Regionens Ungdomshem'); // a HVB is lex Sarah

    const before = await countRows(t);
    const checked = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', lexMariaWithoutRootCauses(vardcentral.id));
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Kontrollera innan du skickar');
    expect(checked.body).toContain('Inga bakomliggande orsaker är identifierade');
    expect(checked.body).toContain('href="#orsak-1-kategori"');
    expect(checked.body).toContain('name="bekraftade" value="no_root_causes"');
    expect(checked.body).toContain('Skicka anmälan ändå');
    expect(await countRows(t)).toEqual(before);

    const sent = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', { ...lexMariaWithoutRootCauses(vardcentral.id), bekraftade: 'no_root_causes' });
    expect(sent.statusCode).toBe(303);
    const signalId = String(sent.headers.location).split('/').pop()!;
    expect(signalId).toMatch(/^S-\d{8}-[0-9a-f]{8}$/);

    const db = t.database.db;
    const report = await db.selectFrom('provider_report').selectAll().where('signal_id', '=', signalId).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ kind: 'lex_maria', provider_id: region.id, reported_by: `provider:${who.subject}`, root_causes: [] });
    expect(report.completeness).toMatchObject({ complete: false, acknowledgedByReporter: true, flags: [{ code: 'no_root_causes' }] });
    expect(report.actions).toEqual([{ description: 'Elektronisk dubbelsignering av insulinordinationer införs.', owner: 'Verksamhetschef', dueDate: '2026-12-31', effect: 'eliminates' }]);
    const signal = await db.selectFrom('signal').selectAll().where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ channel: 'lex_maria', unit_id: vardcentral.id, provider_id: region.id, submitter_kind: 'provider', triage_status: 'new', unit_match: 'given', occurred_on: '2026-09-14', department_code: 'stockholm' });
    expect(signal.extra).toMatchObject({ investigationSummary: 'Händelseanalys med berörd personal och genomgång av journalen.', completenessFlags: ['no_root_causes'] });
    const audit = await db.selectFrom('audit_log').select(['actor', 'action']).where('entity_id', '=', signalId).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: `provider:${who.subject}`, action: 'signal.receive' },
      { actor: `provider:${who.subject}`, action: 'provider_report.submit' },
    ]);

    const receipt = await t.app.inject({ url: String(sent.headers.location), headers: who.headers });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Anmälan är skickad');
    expect(receipt.body).toContain(signalId);
    expect(receipt.body).toContain('Inga bakomliggande orsaker är identifierade');
    // Reading the report back is logged, as the representative.
    expect(await db.selectFrom('audit_log').select(['actor', 'action', 'reason']).where('entity_id', '=', signalId).where('action', '=', 'provider_report.read').execute())
      .toEqual([{ actor: `provider:${who.subject}`, action: 'provider_report.read', reason: 'receipt' }]);
    const start = await t.app.inject({ url: '/provider', headers: who.headers });
    expect(start.body).toContain(signalId);
    expect(start.body).toContain('1 brist flaggade');
  });

  it('sends a complete report at once, without a check page', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const sent = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', {
      ...lexMariaWithoutRootCauses(vardcentral.id),
      'orsak-1-kategori': 'rutiner',
      'orsak-1-beskrivning': 'Rutinen för dubbelkontroll gällde inte nattetid.',
    });
    expect(sent.statusCode).toBe(303);
    const report = await t.database.db.selectFrom('provider_report').select(['completeness', 'root_causes']).where('signal_id', '=', String(sent.headers.location).split('/').pop()!).executeTakeFirstOrThrow();
    expect(report.completeness).toMatchObject({ complete: true, flags: [], acknowledgedByReporter: false });
    expect(report.root_causes).toEqual([{ category: 'rutiner', description: 'Rutinen för dubbelkontroll gällde inte nattetid.' }]);
  });

  it('asks again when the flags changed after the reporter saw them', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const before = await countRows(t);
    const { 'atgard-1-ansvarig': _owner, ...withoutOwner } = lexMariaWithoutRootCauses(vardcentral.id);
    const again = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', { ...withoutOwner, bekraftade: 'no_root_causes' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Åtgärd 1 saknar ansvarig.');
    expect(again.body).toContain('name="bekraftade" value="no_root_causes,action_without_owner:1"');
    expect(await countRows(t)).toEqual(before);
  });

  it('makes one report of one form, however often and however fast it is sent', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const form = await t.app.inject({ url: '/provider/rapporter/ny?typ=lex_maria', headers: who.headers });
    const submissionId = /name="skickid" value="([0-9a-f-]{36})"/.exec(form.body)![1];
    const fields = { ...lexMariaWithoutRootCauses(vardcentral.id), bekraftade: 'no_root_causes', skickid: submissionId };
    const sends = await Promise.all([1, 2, 3].map(() => postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', fields)));
    expect(sends.map((r) => r.statusCode)).toEqual([303, 303, 303]);
    expect(new Set(sends.map((r) => r.headers.location)).size).toBe(1);
    const again = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', fields);
    expect(again.headers.location).toBe(sends[0].headers.location);
    expect(await t.database.db.selectFrom('provider_report').select('signal_id').where('submission_id', '=', submissionId).execute()).toHaveLength(1);
    // A new form is a new report.
    const { skickid: _sameForm, ...withoutId } = fields;
    const other = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', withoutId);
    expect(other.headers.location).not.toBe(sends[0].headers.location);
  });

  it('rejects lex Sarah about a healthcare unit, and stores nothing', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const before = await countRows(t);
    const response = await postForm(t, who, '/provider/rapporter/ny?typ=lex_sarah', { ...lexMariaWithoutRootCauses(vardcentral.id), bekraftade: 'no_root_causes' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('Vårdcentralen Fruängen är hälso- och sjukvård. Lex Sarah gäller socialtjänst och LSS');
    expect(await countRows(t)).toEqual(before);
    // The lex Sarah form offers the HVB, not the vårdcentral.
    const form = await t.app.inject({ url: '/provider/rapporter/ny?typ=lex_sarah', headers: who.headers });
    expect(form.body).toContain('HVB Regionens Ungdomshem');
    expect(form.body).not.toContain('Vårdcentralen Fruängen');
  });

  it('names every missing field in the error summary and keeps what was written', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const response = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', {
      enhet: '',
      handelsedatum: '2026-02-30',
      handelse: '  ',
      konsekvenser: 'Allvarlig risk för <script>alert(1)</script> patienten',
      utredning: '',
      'atgard-1-ansvarig': 'Enhetschef',
      handling: 'skicka',
    });
    expect(response.statusCode).toBe(400);
    for (const href of ['#enhet', '#handelsedatum', '#handelse', '#utredning', '#atgard-1-beskrivning', '#atgard-1-effekt']) expect(response.body).toContain(`href="${href}"`);
    expect(response.body).toContain('Allvarlig risk för &lt;script>alert(1)&lt;/script> patienten');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('<title>Fel: Anmälan enligt lex Maria – Vaka</title>');
  });

  it('adds an empty root-cause row without JavaScript, keeping what was written', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const response = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', {
      ...lexMariaWithoutRootCauses(vardcentral.id),
      'orsak-1-kategori': 'bemanning',
      'orsak-1-beskrivning': 'En sjuksköterska på två avdelningar.',
      handling: 'fler-orsaker',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="orsak-3-beskrivning"');
    expect(response.body).toContain('En sjuksköterska på två avdelningar.');
    expect(response.body).not.toContain('Kontrollera innan du skickar');
  });

  it('gives a representative of one organisation nothing of another (404, nothing changed)', async () => {
    const who = await signInAsRepresentative(t, [region.id]);
    const before = await countRows(t);
    const foreign = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', { ...lexMariaWithoutRootCauses(otherUnit.id), bekraftade: 'no_root_causes' });
    expect(foreign.statusCode).toBe(404);
    expect(await countRows(t)).toEqual(before);

    const owner = await signInAsRepresentative(t, [otherProvider.id]);
    const theirs = await postForm(t, owner, '/provider/rapporter/ny?typ=lex_maria', { ...lexMariaWithoutRootCauses(otherUnit.id), bekraftade: 'no_root_causes' });
    expect(theirs.statusCode).toBe(303);
    const receipt = await t.app.inject({ url: String(theirs.headers.location), headers: who.headers });
    expect(receipt.statusCode).toBe(404);
    expect(receipt.body).not.toContain('Annans Vårdcentral');
    const start = await t.app.inject({ url: '/provider', headers: who.headers });
    expect(start.body).not.toContain(String(theirs.headers.location).split('/').pop());
  });

  it('shows a representative of an organisation that is not in the register that they can report for nobody', async () => {
    const who = await signInAsRepresentative(t, []);
    const start = await t.app.inject({ url: '/provider', headers: who.headers });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('inte kopplat till någon vårdgivare eller huvudman');
    const form = await t.app.inject({ url: '/provider/rapporter/ny?typ=lex_maria', headers: who.headers });
    expect(form.body).toContain('Ni har ingen verksamhet i registret');
  });

  it('sends the signed-out to sign in, refuses a form without its CSRF token, and an unknown report kind is not found', async () => {
    const signedOut = await t.app.inject({ url: '/provider/rapporter/ny?typ=lex_maria', headers: { accept: 'text/html' } });
    expect(signedOut.statusCode).toBe(302);
    expect(signedOut.headers.location).toBe('/auth/login?returnTo=%2Fprovider%2Frapporter%2Fny%3Ftyp%3Dlex_maria');
    const signedOutPost = await t.app.inject({ method: 'POST', url: '/provider/rapporter/ny?typ=lex_maria', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'enhet=x' });
    expect(signedOutPost.statusCode).toBe(401);

    const who = await signInAsRepresentative(t, [region.id]);
    const before = await countRows(t);
    const forged = await postForm(t, who, '/provider/rapporter/ny?typ=lex_maria', { ...lexMariaWithoutRootCauses(vardcentral.id), bekraftade: 'no_root_causes' }, { csrf: false });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('CSRF');
    // A multipart body skips no check: only the file upload takes one.
    const multipart = await postUpload(t, who, '/provider/rapporter/ny?typ=lex_maria', lexMariaWithoutRootCauses(vardcentral.id), { field: 'fil', name: 'a.csv', type: 'text/csv', content: 'x' }, { csrf: false });
    expect(multipart.statusCode).toBe(400);
    expect(await countRows(t)).toEqual(before);
    expect((await t.app.inject({ url: '/provider/rapporter/ny?typ=klagomal', headers: who.headers })).statusCode).toBe(404);
  });

  it('keeps staff and representatives apart: each gets 404 in the other’s area', async () => {
    const inspector = await signInAs(t, 'inspector', 'stockholm');
    expect((await t.app.inject({ url: '/provider', headers: inspector.headers })).statusCode).toBe(404);
    expect((await postForm(t, inspector, '/provider/rapporter/ny?typ=lex_maria', lexMariaWithoutRootCauses(vardcentral.id))).statusCode).toBe(404);
    const who = await signInAsRepresentative(t, [region.id]);
    expect((await t.app.inject({ url: '/staff', headers: who.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/staff/units/${vardcentral.id}`, headers: who.headers })).statusCode).toBe(404);
  });
});
