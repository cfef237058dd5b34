import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { addTeamMember, buildProviderWithUnits, decode, errorLinks, get, investigationSnapshot, openTestCase, postForm } from './support.ts';
import { swedishToday } from '../../src/platform/dates.ts';

/** A selection project whose third stage chose the given units for inspection (and only them). */
async function buildSelectionProject(db: Db, title: string, units: { id: string; name: string }[], notChosen: { id: string; name: string }[] = []) {
  const run = await db.insertInto('risk_run').values({ kind: 'national', as_of: '2026-06-30', started_at: new Date(), units: 10, summary: '{}' }).returning('id').executeTakeFirstOrThrow();
  const project = await db
    .insertInto('selection_project')
    .values({ title, purpose: 'Tillsyn av HVB med många signaler.', population: JSON.stringify({ forms: ['hvb'] }), department_code: 'stockholm', run_id: run.id, as_of: '2026-06-30', population_count: units.length + notChosen.length, created_by: 'a', created_by_name: 'A' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const all = [...units, ...notChosen];
  if (all.length === 0) return project.id;
  await db
    .insertInto('selection_population_unit')
    .values(all.map((u, i) => ({ project_id: project.id, unit_id: u.id, unit_name: u.name, form: 'hvb', kommun: '0180', kommun_name: 'Stockholm', county_name: 'Stockholms län', provider_name: null, score: 1, national_rank: i + 1, score_as_of: '2026-06-30' })) as never)
    .execute();
  for (const stage of [1, 2, 3] as const) {
    await db.insertInto('selection_stage').values({ project_id: project.id, stage, criteria: JSON.stringify({}), rationale: `Steg ${stage}.`, candidates: all.length, kept: units.length, decided_by: 'a', decided_by_name: 'A' } as never).execute();
  }
  await db
    .insertInto('selection_stage_unit')
    .values([
      ...units.map((u, i) => ({ project_id: project.id, stage: 3 as const, unit_id: u.id, position: i + 1, inclusion: 'chosen' as const, figures: '{}', reason: 'Flest allvarliga signaler.' })),
      ...notChosen.map((u, i) => ({ project_id: project.id, stage: 2 as const, unit_id: u.id, position: i + 1, inclusion: 'rule' as const, figures: '{}', reason: null })),
    ] as never)
    .execute();
  return project.id;
}

describe.each(databaseKinds)('inspections in a case on %s', (kind) => {
  let t: TestApp;
  let responsible: SignedIn;
  let teammate: SignedIn;
  let colleague: SignedIn;
  let decisionMaker: SignedIn;
  let world: Awaited<ReturnType<typeof buildProviderWithUnits>>;
  let caseId: number;
  let projectId: number;
  let otherProjectId: number;
  const db = () => t.database.db;
  const today = () => swedishToday();

  beforeAll(async () => {
    t = await createTestApp(kind);
    responsible = await signInAs(t, 'inspector', 'stockholm');
    teammate = await signInAs(t, 'inspector', 'stockholm');
    colleague = await signInAs(t, 'inspector', 'stockholm');
    decisionMaker = await signInAs(t, 'decision_maker');
    world = await buildProviderWithUnits(db());
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible });
    caseId = opened.id;
    await addTeamMember(db(), caseId, teammate);
    projectId = await buildSelectionProject(db(), 'HVB i Stockholm hösten 2026', [world.second], [world.unit]);
    otherProjectId = await buildSelectionProject(db(), 'Projekt utan den här vårdgivaren', [], []);
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = () => `/staff/arenden/${caseId}/inspektioner`;

  it('plans an unannounced inspection from a selection project, without a document in the diarium', async () => {
    const page = await get(t, responsible, base());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Planera inspektion från urvalsprojekt');
    expect(page.body).toContain('HVB i Stockholm hösten 2026');
    expect(page.body).not.toContain('Projekt utan den här vårdgivaren');
    expect(page.body).toContain(`${base()}?projekt=${projectId}&enhet=${encodeURIComponent(world.second.id)}#planera`);
    expect(page.body).toContain(`<option value="${world.unit.id}" selected>`);

    const prefilled = await get(t, responsible, `${base()}?projekt=${projectId}&enhet=${encodeURIComponent(world.second.id)}`);
    expect(prefilled.body).toContain(`<option value="${world.second.id}" selected>`);
    expect(prefilled.body).toContain(`<option value="${projectId}" selected>`);

    const documentsBefore = (await investigationSnapshot(db())).documents;
    const planned = await postForm(t, responsible, base(), { unitId: world.second.id, announced: 'no', plannedOn: addDays(today(), 14), team: responsible.subject, selectionProjectId: String(projectId) });
    expect(planned.statusCode).toBe(303);
    const inspectionId = Number(/inspektioner\/(\d+)\?klart=planerad$/.exec(planned.headers.location as string)![1]);
    const row = await db().selectFrom('case_inspection').selectAll().where('id', '=', inspectionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ case_id: caseId, unit_id: world.second.id, selection_project_id: projectId, announced: false, planned_on: addDays(today(), 14), status: 'planned', performed_on: null, created_by: responsible.subject });
    expect(row.team).toEqual([{ subject: responsible.subject, name: responsible.name }]);
    expect((await investigationSnapshot(db())).documents).toBe(documentsBefore);
    expect((await db().selectFrom('case_file').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status).toBe('investigation');
    const audit = await db().selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'case.inspection_plan').execute();
    expect(audit).toEqual([{ action: 'case.inspection_plan', actor: `staff:${responsible.subject}` }]);

    const detail = await get(t, responsible, planned.headers.location as string);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Inspektionen är planerad.');
    expect(detail.body).toContain('Oanmäld');
    expect(detail.body).toContain('HVB i Stockholm hösten 2026');
    const list = await get(t, responsible, base());
    expect(list.body).toContain(world.second.name);
  });

  it('answers 400 naming each field for a bad plan, and writes nothing', async () => {
    const before = await investigationSnapshot(db());
    const good = { unitId: world.unit.id, announced: 'yes', plannedOn: addDays(today(), 7), team: responsible.subject, selectionProjectId: '' };
    const cases: [Record<string, string | string[]>, { field: string; message: string }[]][] = [
      [{ unitId: world.unit.id }, [
        { field: 'announced', message: 'Välj om inspektionen är anmäld eller oanmäld' },
        { field: 'plannedOn', message: 'Skriv vilken dag inspektionen är planerad' },
        { field: 'team', message: 'Välj minst en person ur ärendets team' },
      ]],
      [{ ...good, unitId: 'U-finns-inte' }, [{ field: 'unitId', message: 'Välj en verksamhet i listan' }]],
      [{ ...good, plannedOn: '15/12/2026' }, [{ field: 'plannedOn', message: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-15' }]],
      [{ ...good, team: [responsible.subject, colleague.subject] }, [{ field: 'team', message: 'Välj bara personer ur ärendets team' }]],
      [{ ...good, selectionProjectId: String(projectId) }, [{ field: 'selectionProjectId', message: 'Urvalsprojektet valde inte den här verksamheten för inspektion. Välj ett annat projekt eller ingen' }]],
      [{ ...good, selectionProjectId: String(otherProjectId), unitId: world.second.id }, [{ field: 'selectionProjectId', message: 'Urvalsprojektet valde inte den här verksamheten för inspektion. Välj ett annat projekt eller ingen' }]],
      [{ ...good, selectionProjectId: 'x' }, [{ field: 'selectionProjectId', message: 'Välj ett urvalsprojekt i listan' }]],
    ];
    for (const [form, expected] of cases) {
      const response = await postForm(t, responsible, base(), form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(errorLinks(response.body), JSON.stringify(form)).toEqual(expected);
      for (const { field } of expected) expect(response.body).toContain(`id="${field}"`);
    }
    // A unit of another provider cannot be chosen either.
    const stranger = await buildProviderWithUnits(db(), { name: 'Främmande AB' });
    const foreign = await postForm(t, responsible, base(), { ...good, unitId: stranger.unit.id });
    expect(foreign.statusCode).toBe(400);
    expect(errorLinks(foreign.body)).toEqual([{ field: 'unitId', message: 'Välj en verksamhet i listan' }]);
    expect(await investigationSnapshot(db())).toEqual(before);
  });

  it('records the inspection as performed (a secret inspection record), its findings per risk area, and interviews for the team only', async () => {
    const planned = await postForm(t, responsible, base(), { unitId: world.unit.id, announced: 'yes', plannedOn: today(), team: [responsible.subject, teammate.subject] });
    expect(planned.statusCode).toBe(303);
    const inspectionUrl = (planned.headers.location as string).split('?')[0];
    const inspectionId = Number(inspectionUrl.split('/').pop());

    // Findings and interviews wait for the inspection to be performed.
    let before = await investigationSnapshot(db());
    const early = await postForm(t, responsible, `${inspectionUrl}/iakttagelser`, { riskArea: 'staffing_competence', legalBasis: '3 kap. 3 § SoL', finding: 'För lite personal.', severity: '3' });
    expect(early.statusCode).toBe(400);
    expect(errorLinks(early.body)).toEqual([{ field: 'riskArea', message: 'Registrera först att inspektionen är genomförd' }]);
    const future = await postForm(t, responsible, `${inspectionUrl}/genomford`, { performedOn: addDays(today(), 1) });
    expect(future.statusCode).toBe(400);
    expect(errorLinks(future.body)).toEqual([{ field: 'performedOn', message: 'Dagen för inspektionen kan inte vara i framtiden' }]);
    expect(await investigationSnapshot(db())).toEqual(before);

    const performed = await postForm(t, responsible, `${inspectionUrl}/genomford`, { performedOn: today() });
    expect(performed.statusCode).toBe(303);
    const record = await db().selectFrom('case_document').selectAll().where('case_id', '=', caseId).where('kind', '=', 'inspection_record').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ direction: 'drawn_up', secrecy: 'secret', secrecy_reference: '26 kap. 1 § OSL', document_date: today(), subject: `Inspektionsprotokoll, anmäld inspektion ${today()}`, registered_by: responsible.subject });
    expect(await db().selectFrom('case_inspection').select(['status', 'performed_on']).where('id', '=', inspectionId).executeTakeFirstOrThrow()).toEqual({ status: 'performed', performed_on: today() });
    const twice = await postForm(t, responsible, `${inspectionUrl}/genomford`, { performedOn: today() });
    expect(twice.statusCode).toBe(400);
    expect(errorLinks(twice.body)).toEqual([{ field: 'performedOn', message: 'Inspektionen är redan registrerad som genomförd' }]);

    // Findings: validated field by field, then shown under their risk area.
    before = await investigationSnapshot(db());
    const bad = await postForm(t, responsible, `${inspectionUrl}/iakttagelser`, { riskArea: 'weather', legalBasis: '', finding: '', severity: '5' });
    expect(bad.statusCode).toBe(400);
    expect(errorLinks(bad.body)).toEqual([
      { field: 'riskArea', message: 'Välj ett riskområde' },
      { field: 'legalBasis', message: 'Skriv den bestämmelse iakttagelsen gäller, till exempel 3 kap. 2 § HSL' },
      { field: 'finding', message: 'Skriv vad ni iakttog' },
      { field: 'severity', message: 'Välj hur allvarlig bristen är, 1 till 4' },
    ]);
    expect(await investigationSnapshot(db())).toEqual(before);
    for (const finding of [
      { riskArea: 'staffing_competence', legalBasis: '3 kap. 3 § SoL', finding: 'Nattetid finns bara en person i tjänst för åtta ungdomar.', severity: '3' },
      { riskArea: 'documentation', legalBasis: '11 kap. 5 § SoL', finding: 'Genomförandeplaner saknas för tre av åtta ungdomar.', severity: '2' },
    ]) {
      expect((await postForm(t, teammate, `${inspectionUrl}/iakttagelser`, finding)).statusCode).toBe(303);
    }
    const findings = await db().selectFrom('inspection_finding').select(['risk_area', 'severity', 'created_by']).where('case_inspection_id', '=', inspectionId).orderBy('id').execute();
    expect(findings).toEqual([
      { risk_area: 'staffing_competence', severity: 3, created_by: teammate.subject },
      { risk_area: 'documentation', severity: 2, created_by: teammate.subject },
    ]);

    // Interviews: validated, and what matters to the patient or user only for patients, users and relatives.
    before = await investigationSnapshot(db());
    const badInterview = await postForm(t, responsible, `${inspectionUrl}/intervjuer`, { interviewee: 'visitor', summary: '' });
    expect(badInterview.statusCode).toBe(400);
    expect(errorLinks(badInterview.body)).toEqual([
      { field: 'interviewee', message: 'Välj vem ni intervjuade' },
      { field: 'summary', message: 'Skriv en sammanfattning av intervjun' },
    ]);
    const staffPerspective = await postForm(t, responsible, `${inspectionUrl}/intervjuer`, { interviewee: 'staff', summary: 'Personalen beskriver tung arbetsbelastning.', userPerspective: 'Mer personal.' });
    expect(staffPerspective.statusCode).toBe(400);
    expect(errorLinks(staffPerspective.body).map((e) => e.field)).toEqual(['userPerspective']);
    expect(await investigationSnapshot(db())).toEqual(before);

    expect((await postForm(t, responsible, `${inspectionUrl}/intervjuer`, { interviewee: 'user', summary: 'Ungdomen berättar att nätterna är oroliga och att personalen inte hinner prata.', userPerspective: 'Att någon vuxen finns där när det är jobbigt på natten.' })).statusCode).toBe(303);
    expect((await postForm(t, teammate, `${inspectionUrl}/intervjuer`, { interviewee: 'management', summary: 'Föreståndaren planerar att anställa en nattpersonal till.', userPerspective: '' })).statusCode).toBe(303);
    const interviewDocs = await db().selectFrom('case_document').select(['kind', 'secrecy', 'secrecy_reference', 'direction', 'subject']).where('case_id', '=', caseId).where('kind', '=', 'interview').orderBy('id').execute();
    expect(interviewDocs).toEqual([
      { kind: 'interview', secrecy: 'secret', secrecy_reference: '26 kap. 1 § OSL', direction: 'drawn_up', subject: `Anteckning från intervju (brukare) vid inspektion ${today()}` },
      { kind: 'interview', secrecy: 'secret', secrecy_reference: '26 kap. 1 § OSL', direction: 'drawn_up', subject: `Anteckning från intervju (ledning) vid inspektion ${today()}` },
    ]);
    const interviewAudit = await db().selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'case.inspection_interview').execute();
    for (const row of interviewAudit) expect(JSON.stringify(row.details)).not.toContain('natt');

    // The team sees the assessment: findings by area, the user's perspective in its own section, the interviews; the read is audited.
    const readsBefore = await db().selectFrom('audit_log').select('id').where('action', '=', 'case.read').execute();
    const teamView = await get(t, teammate, inspectionUrl);
    expect(teamView.statusCode).toBe(200);
    const text = decode(teamView.body);
    const assessment = text.slice(text.indexOf('<h2 class="govuk-heading-m">Bedömning</h2>'));
    expect(assessment.indexOf('Bemanning och kompetens')).toBeGreaterThan(-1);
    expect(assessment.indexOf('Dokumentation och journalföring')).toBeGreaterThan(-1);
    expect(assessment.indexOf('Bemanning och kompetens')).toBeLessThan(assessment.indexOf('Dokumentation och journalföring'));
    const perspective = assessment.slice(assessment.indexOf('Patientens och brukarens perspektiv'), assessment.indexOf('id="intervjuer"'));
    expect(perspective).toContain('Att någon vuxen finns där när det är jobbigt på natten.');
    expect(perspective).not.toContain('Föreståndaren');
    expect(assessment).toContain('Ungdomen berättar att nätterna är oroliga');
    expect(assessment).toContain('Föreståndaren planerar att anställa en nattpersonal till.');
    const reads = await db().selectFrom('audit_log').select(['actor', 'entity_id', 'details']).where('action', '=', 'case.read').orderBy('id').execute();
    expect(reads.length).toBe(readsBefore.length + 1);
    expect(reads.at(-1)).toMatchObject({ actor: `staff:${teammate.subject}`, entity_id: String(caseId) });
    expect(String((reads.at(-1)!.details as { what: string }).what)).toContain(`inspection ${inspectionId} interviews`);

    // Staff outside the team, who may read or even work on the case, see neither summaries nor perspectives, and cannot add interviews.
    for (const outsider of [colleague, decisionMaker]) {
      const auditCount = (await investigationSnapshot(db())).audit;
      const view = await get(t, outsider, inspectionUrl);
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain('Bemanning och kompetens');
      expect(view.body).toContain('2 intervjuer. Intervjuerna innehåller personuppgifter och visas bara för ärendets team.');
      expect(view.body).not.toContain('Ungdomen berättar');
      expect(view.body).not.toContain('jobbigt på natten');
      expect(view.body).not.toContain('Föreståndaren');
      expect(view.body).not.toContain('name="summary"');
      expect((await investigationSnapshot(db())).audit).toBe(auditCount);
      const snapshot = await investigationSnapshot(db());
      const refused = await postForm(t, outsider, `${inspectionUrl}/intervjuer`, { interviewee: 'patient', summary: 'Försök.', userPerspective: '' });
      expect(refused.statusCode).toBe(404);
      expect(await investigationSnapshot(db())).toEqual(snapshot);
    }
  });

  it('cancels a planned inspection, and only a planned one', async () => {
    const planned = await postForm(t, responsible, base(), { unitId: world.unit.id, announced: 'yes', plannedOn: addDays(today(), 30), team: responsible.subject });
    const inspectionUrl = (planned.headers.location as string).split('?')[0];
    const cancelled = await postForm(t, responsible, `${inspectionUrl}/installd`, {});
    expect(cancelled.statusCode).toBe(303);
    expect((await db().selectFrom('case_inspection').select('status').where('id', '=', Number(inspectionUrl.split('/').pop())).executeTakeFirstOrThrow()).status).toBe('cancelled');
    const again = await postForm(t, responsible, `${inspectionUrl}/installd`, {});
    expect(again.statusCode).toBe(400);
    expect(errorLinks(again.body)).toEqual([{ field: 'cancel', message: 'Inspektionen är redan inställd' }]);
    const perform = await postForm(t, responsible, `${inspectionUrl}/genomford`, { performedOn: today() });
    expect(perform.statusCode).toBe(400);
    expect(errorLinks(perform.body)).toEqual([{ field: 'performedOn', message: 'Inspektionen är inställd' }]);
  });

  it('keeps inspections of one case away from another case’s URLs', async () => {
    const planned = await postForm(t, responsible, base(), { unitId: world.unit.id, announced: 'yes', plannedOn: today(), team: responsible.subject });
    const inspectionId = Number((planned.headers.location as string).split('?')[0].split('/').pop());
    const otherCase = await openTestCase(t, { unitId: world.unit.id, responsible });
    expect((await get(t, responsible, `/staff/arenden/${otherCase.id}/inspektioner/${inspectionId}`)).statusCode).toBe(404);
    const before = await investigationSnapshot(db());
    expect((await postForm(t, responsible, `/staff/arenden/${otherCase.id}/inspektioner/${inspectionId}/genomford`, { performedOn: today() })).statusCode).toBe(404);
    expect(await investigationSnapshot(db())).toEqual(before);
  });
});
