import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeNationalRisk } from '../../src/modules/risk/index.ts';
import { drawSample } from '../../src/modules/risk/selection/random-sample.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { candidateRows, errorLinks, httpFor, pdfText } from './support.ts';
import { AS_OF, buildSelectionWorld, selectionSnapshot, storedEvidence, type SelectionWorld } from './world.ts';
import { readPdfStructure } from '../support/pdf-structure.ts';

/** The memo page without what differs on every print: its print date, and the form token masked afresh per response. */
const memoWithoutPrintDate = (html: string) => html.replace(/Utskrivet ur Vaka [^.]*\./, '').replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');
import { swedishToday } from '../../src/platform/dates.ts';

const INDICATOR_CODES = ['indicator_trend', 'indicator_level'];
const SIGNAL_CODES = ['change', 'signals_vs_peers', 'serious_vs_peers', 'acute_signals'];

describe.each(databaseKinds)('selection projects through the staff pages on %s', (kind) => {
  let t: TestApp;
  let world: SelectionWorld;
  let analyst: SignedIn;
  let http: ReturnType<typeof httpFor>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildSelectionWorld(t.database.db);
    analyst = await signInAs(t, 'analyst');
    http = httpFor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;
  const sorted = (ids: string[]) => [...ids].sort();
  const stageUnits = (projectId: number, stage: number) =>
    db().selectFrom('selection_stage_unit').selectAll().where('project_id', '=', projectId).where('stage', '=', stage as 1 | 2 | 3).orderBy('position').execute();
  const auditAfter = async (id: number) => db().selectFrom('audit_log').select(['action', 'actor', 'entity_type', 'entity_id', 'reason', 'details']).where('id', '>', id).orderBy('id').execute();
  const lastAudit = async () => (await db().selectFrom('audit_log').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow()).id;

  /** The expected order of a stage: triggered units first (stage 2), evidence highest first, then score, then id. */
  async function expectedOrder(unitIds: string[], codes: string[], triggersFirst: boolean) {
    const evidence = await storedEvidence(db(), unitIds, codes);
    return [...unitIds].sort((a, b) => {
      const x = evidence.get(a)!;
      const y = evidence.get(b)!;
      return (triggersFirst ? Number(y.triggered) - Number(x.triggered) : 0) || y.evidence - x.evidence || y.score - x.score || (a < b ? -1 : 1);
    });
  }

  it('runs a project from the population to stage 3 and a control sample, recording each decision with who and why', async () => {
    const { get, post, createProject } = http;
    const { ids, names } = world;
    expect((await get('/staff/urval/ny', analyst)).statusCode).toBe(200);

    // The population: the vårdcentraler of Stockholms län, frozen from the latest national run.
    let audit = await lastAudit();
    const projectId = await createProject(analyst, { lan: '01' });
    const project = await db().selectFrom('selection_project').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    const run = await db().selectFrom('risk_run').select(['id', 'as_of']).where('kind', '=', 'national').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(project).toMatchObject({ population_count: 6, department_code: 'stockholm', run_id: run.id, as_of: AS_OF, created_by: analyst.subject, created_by_name: analyst.name });
    const population = await db().selectFrom('selection_population_unit').select(['unit_id', 'score', 'indicators']).where('project_id', '=', projectId).execute();
    expect(sorted(population.map((p) => p.unit_id))).toEqual(sorted(world.stockholm));
    expect(population.every((p) => p.indicators.some((i) => i.indicator === 'patient_survey_overall'))).toBe(true);
    expect(await auditAfter(audit)).toEqual([expect.objectContaining({ action: 'selection.create', actor: `staff:${analyst.subject}`, entity_id: String(projectId) })]);

    const page = await get(`/staff/urval/${projectId}?klart=skapat`, analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Projektet är skapat');
    expect(page.body).toContain('Population: 6 → Steg 1: externa indikatorer: ej beslutat');
    expect(page.body).toContain(`href="/staff/urval/${projectId}/steg/1"`);

    // Stage 1: ranked by the indicator evidence, the top three go on; S3 is added by hand with a reason.
    const preview = await get(`/staff/urval/${projectId}/steg/1?matt=indicator_evidence&regel=antal&antal=3`, analyst);
    expect(preview.statusCode).toBe(200);
    const rows = candidateRows(preview.body);
    const order1 = await expectedOrder(world.stockholm, INDICATOR_CODES, false);
    expect(rows.map((r) => r.unitId)).toEqual(order1);
    expect(rows.filter((r) => r.byRule).map((r) => r.unitId)).toEqual(order1.slice(0, 3));
    expect(sorted(order1.slice(0, 3))).toEqual(sorted([ids.S1, ids.S2, ids.S4]));
    expect(preview.body).toContain('Andel som fått vård inom 90 dagar har försämrats');

    audit = await lastAudit();
    const stage1 = await post(`/staff/urval/${projectId}/steg/1`, analyst, {
      matt: 'indicator_evidence',
      regel: 'antal',
      antal: '3',
      grans: '',
      enheter: [...order1.slice(0, 3), ids.S3],
      handskal: 'Ängby har legat lågt i patientenkäten i flera år.',
      motivering: 'Tre vårdcentraler med tydligast försämring i externa data, som i seed 001.',
    });
    expect(stage1.statusCode).toBe(303);
    expect(stage1.headers.location).toBe(`/staff/urval/${projectId}?klart=steg1#steg-1`);
    const decided1 = await db().selectFrom('selection_stage').selectAll().where('project_id', '=', projectId).where('stage', '=', 1).executeTakeFirstOrThrow();
    expect(decided1).toMatchObject({ decided_by: analyst.subject, decided_by_name: analyst.name, candidates: 6, kept: 4, rationale: 'Tre vårdcentraler med tydligast försämring i externa data, som i seed 001.' });
    expect(Date.now() - decided1.decided_at.getTime()).toBeLessThan(120_000);
    expect(decided1.criteria).toMatchObject({ measure: 'indicator_evidence', rule: { kind: 'top', n: 3 }, added: [ids.S3], removed: [], manualReason: 'Ängby har legat lågt i patientenkäten i flera år.' });
    const units1 = await stageUnits(projectId, 1);
    expect(units1.map((u) => [u.unit_id, u.inclusion])).toEqual([...order1.slice(0, 3).map((id) => [id, 'rule']), [ids.S3, 'added']]);
    expect(units1.find((u) => u.unit_id === ids.S3)!.reason).toBe('Ängby har legat lågt i patientenkäten i flera år.');
    const evidence1 = await storedEvidence(db(), world.stockholm, INDICATOR_CODES);
    for (const u of units1) expect(u.measure).toBeCloseTo(evidence1.get(u.unit_id)!.evidence, 2);
    expect(units1.find((u) => u.unit_id === ids.S4)!.evidence.join(' ')).toMatch(/Andel som fått vård inom 90 dagar/);
    expect(await auditAfter(audit)).toEqual([
      expect.objectContaining({ action: 'selection.decide_stage', actor: `staff:${analyst.subject}`, entity_id: String(projectId), reason: decided1.rationale, details: expect.objectContaining({ stage: 1, added: [ids.S3] }) }),
    ]);

    // Stage 2: the four ranked by the inspectorate's own signals, hard triggers first; the top two go on.
    const preview2 = await get(`/staff/urval/${projectId}/steg/2?matt=signal_evidence&regel=antal&antal=2`, analyst);
    const order2 = await expectedOrder([...order1.slice(0, 3), ids.S3], SIGNAL_CODES, true);
    expect(candidateRows(preview2.body).map((r) => r.unitId)).toEqual(order2);
    expect(order2.slice(0, 2)).toEqual([ids.S3, ids.S2]);
    expect(preview2.body).toContain('Hårt larm: en akut signal de senaste 14 dagarna.');
    const stage2 = await post(`/staff/urval/${projectId}/steg/2`, analyst, {
      matt: 'signal_evidence',
      regel: 'antal',
      antal: '2',
      grans: '',
      enheter: order2.slice(0, 2),
      handskal: '',
      motivering: 'De två med starkast signalunderlag; Ängby har ett hårt larm.',
    });
    expect(stage2.statusCode).toBe(303);
    const units2 = await stageUnits(projectId, 2);
    expect(units2.map((u) => [u.unit_id, u.inclusion, u.position])).toEqual([
      [ids.S3, 'rule', 1],
      [ids.S2, 'rule', 2],
    ]);
    expect(units2[1].evidence.join(' ')).toMatch(/allvarliga signaler|Signalerna ökar|tips/);
    expect((await db().selectFrom('selection_stage').select(['decided_by', 'kept']).where('project_id', '=', projectId).where('stage', '=', 2).executeTakeFirstOrThrow())).toEqual({ decided_by: analyst.subject, kept: 2 });

    // Stage 3: both chosen for inspection, each with its reason.
    const choose = await get(`/staff/urval/${projectId}/steg/3`, analyst);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain(names.S2);
    expect(choose.body).toContain(names.S3);
    audit = await lastAudit();
    const stage3 = await post(`/staff/urval/${projectId}/steg/3`, analyst, {
      valda: [ids.S2, ids.S3],
      [`skal-${ids.S2}`]: 'Många allvarliga tips om läkemedel de senaste två månaderna.',
      [`skal-${ids.S3}`]: 'Akut signal om ett barn; låga värden i patientenkäten.',
      motivering: 'Två inspektioner ryms i höstens plan.',
    });
    expect(stage3.statusCode).toBe(303);
    const units3 = await stageUnits(projectId, 3);
    expect(units3.map((u) => [u.unit_id, u.inclusion, u.reason])).toEqual([
      [ids.S3, 'chosen', 'Akut signal om ett barn; låga värden i patientenkäten.'],
      [ids.S2, 'chosen', 'Många allvarliga tips om läkemedel de senaste två månaderna.'],
    ]);
    const decided3 = await db().selectFrom('selection_stage').selectAll().where('project_id', '=', projectId).where('stage', '=', 3).executeTakeFirstOrThrow();
    expect(decided3).toMatchObject({ decided_by: analyst.subject, decided_by_name: analyst.name, rationale: 'Två inspektioner ryms i höstens plan.', kept: 2, candidates: 2 });
    expect((await auditAfter(audit)).map((a) => [a.action, (a.details as { stage: number }).stage])).toEqual([['selection.decide_stage', 3]]);

    // The control sample: two of the four not chosen, drawn with a stored seed; the same seed redraws it.
    audit = await lastAudit();
    const control = await post(`/staff/urval/${projectId}/kontrollurval`, analyst, { 'kontroll-antal': '2', 'kontroll-fro': '12345', 'kontroll-motivering': '' });
    expect(control.statusCode).toBe(303);
    const sample = await db().selectFrom('selection_control_sample').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
    const frame = world.stockholm.filter((id) => id !== ids.S2 && id !== ids.S3);
    expect(sample).toMatchObject({ seed: 12345, size: 2, frame_size: 4, drawn_by: analyst.subject });
    expect(sample.unit_ids).toEqual(drawSample(frame, 2, 12345));
    expect(sample.unit_ids.every((id) => frame.includes(id))).toBe(true);
    expect(sample.unit_ids.some((id) => id === ids.S2 || id === ids.S3)).toBe(false);
    expect(new Set(sample.unit_ids).size).toBe(2);
    expect((await auditAfter(audit)).map((a) => a.action)).toEqual(['selection.draw_control_sample']);
    // Drawn once only.
    const again = await post(`/staff/urval/${projectId}/kontrollurval`, analyst, { 'kontroll-antal': '2', 'kontroll-fro': '1' });
    expect(again.statusCode).toBe(409);

    // The project page: the whole funnel.
    const done = await get(`/staff/urval/${projectId}`, analyst);
    expect(done.body).toContain('Population: 6 → Steg 1: externa indikatorer: 4 → Steg 2: IVO:s egna signaler: 2 → Steg 3: valda för inspektion: 2');
    expect((await get('/staff/urval', analyst)).body).toContain('6 → 4 → 2 → 2');

    // The memo: purpose, population, every stage's criteria, decider, rationale and units, the control sample.
    const memo = await get(`/staff/urval/${projectId}/memo`, analyst);
    expect(memo.statusCode).toBe(200);
    for (const text of [
      'Hitta brister i samverkan och kompetens.',
      'Vårdcentral i Stockholms län',
      'Steg 1: externa indikatorer',
      'Steg 2: IVO:s egna signaler',
      'Steg 3: val av verksamheter att inspektera',
      'Rangordnat efter: Samlat indikatorunderlag.',
      'De 3 högst rangordnade går vidare.',
      'Tre vårdcentraler med tydligast försämring i externa data, som i seed 001.',
      'De två med starkast signalunderlag; Ängby har ett hårt larm.',
      'Två inspektioner ryms i höstens plan.',
      'Tillagd för hand',
      'Många allvarliga tips om läkemedel de senaste två månaderna.',
      analyst.name,
      '12345',
      names.S2,
      ...sample.unit_ids.map((id) => Object.entries(world.ids).find(([, v]) => v === id)![0]).map((key) => names[key]),
      'href="/staff/urval/metod"',
    ]) {
      expect(memo.body, text).toContain(text);
    }

    const pdf = await get(`/staff/urval/${projectId}/memo.pdf`, analyst);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="urvalsprojekt-${projectId}-pm.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf.rawPayload);
    for (const expected of ['Vårdcentraler i Stockholms län 2026', 'Steg 1: externa indikatorer', 'Steg 3: val av verksamheter att inspektera', names.S2, 'Två inspektioner ryms i höstens plan.', '12345', 'Om metoden']) {
      expect(text, expected).toContain(expected);
    }
    // The stage tables' column headings are not broken inside a word ("Samlat indi katorunderl ag").
    expect(text).toContain('Plats Verksamhet Samlat indikatorunderlag (poäng) Underlag Beslut');
    expect(text).toContain('Plats Verksamhet Samlat signalunderlag (poäng) Underlag Beslut');
    // Tagged for screen readers: headings, the funnel's text (its bars are decoration), tables whose header
    // cells name their columns.
    const tagged = await readPdfStructure(pdf.rawPayload);
    expect(tagged).toMatchObject({ marked: true, lang: 'sv-SE', title: 'PM: Vårdcentraler i Stockholms län 2026', untaggedText: [] });
    const roles = (role: string) => tagged.elements.filter((e) => e.role === role);
    expect(roles('H1').map((e) => e.text)).toEqual(['Vårdcentraler i Stockholms län 2026']);
    expect(roles('H2').map((e) => e.text)).toEqual(expect.arrayContaining(['Sammanfattning', 'Steg 1: externa indikatorer', 'Steg 3: val av verksamheter att inspektera', 'Kontrollurval', 'Om metoden']));
    expect(roles('Figure')).toEqual([]);
    expect(roles('P').map((e) => e.text)).toContainEqual(expect.stringMatching(/^Population: \d+ → Steg 1: externa indikatorer: \d+ → /));
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw).toContain('/Scope /Column');
    expect(raw).toMatch(/\/Headers \[/);
    expect(roles('Table').length).toBeGreaterThanOrEqual(4);
    expect(roles('TH').map((e) => e.text).slice(0, 5)).toEqual(['Plats', 'Verksamhet', 'Samlat indikatorunderlag (poäng)', 'Underlag', 'Beslut']);
    expect(roles('TD').some((e) => e.text.startsWith(names.S2))).toBe(true);
    // The stage criteria are a list a screen reader announces as one (L > LI > Lbl + LBody), not paragraphs
    // starting with a bullet; every page is numbered, outside the structure.
    expect(roles('L').length).toBeGreaterThanOrEqual(1);
    expect(roles('LBody').length).toBe(roles('LI').length);
    expect(roles('LBody').length).toBeGreaterThanOrEqual(1);
    expect(roles('P').some((e) => e.text.startsWith('•'))).toBe(false);
    const pageNumbers = tagged.artifactText.filter((text) => /^Sida \d+ av \d+$/.test(text));
    expect(pageNumbers.length).toBeGreaterThanOrEqual(1);
    expect(pageNumbers[0]).toBe(`Sida 1 av ${pageNumbers.length}`);
    expect(tagged.elements.some((e) => /Sida \d+ av/.test(e.text))).toBe(false);

    // Later, inspections: the chosen unit inspected has deficiencies; one of two control units has. Lift 2.
    const today = swedishToday();
    await db()
      .insertInto('inspection')
      .values([
        { id: `SEL-I1-${kind}`, unit_id: ids.S2, date: today, announced: false, deficiencies: 3, outcome: 'criticism', extra: '{}' },
        { id: `SEL-I2-${kind}`, unit_id: sample.unit_ids[0], date: today, announced: false, deficiencies: 1, outcome: 'criticism', extra: '{}' },
        { id: `SEL-I3-${kind}`, unit_id: sample.unit_ids[1], date: today, announced: false, deficiencies: 0, outcome: 'no_remarks', extra: '{}' },
      ])
      .execute();
    const followUp = (await get(`/staff/urval/${projectId}`, analyst)).body;
    expect(followUp).toContain('1 av 2 inspekterade, 1 med brister');
    expect(followUp).toContain('2 av 2 inspekterade, 1 med brister');
    expect(followUp).toContain('2,0 gånger så stor andel med brister bland de valda som i kontrollurvalet.');
    // The memo's PDF says the same as its page, word for word.
    const followUpPdf = await pdfText((await get(`/staff/urval/${projectId}/memo.pdf`, analyst)).rawPayload);
    for (const same of ['1 av 2 inspekterade, 1 med brister eller beslut utöver ”inga anmärkningar”', '2 av 2 inspekterade, 1 med brister eller beslut utöver ”inga anmärkningar”', '2,0 gånger så stor andel med brister bland de valda som i kontrollurvalet.']) {
      expect(followUp, same).toContain(same);
      expect(followUpPdf, same).toContain(same);
    }

    const method = await get('/staff/urval/metod', analyst);
    expect(method.statusCode).toBe(200);
    expect(method.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(method.body).toContain('# The risk method');
  });

  it('ranks stage 1 by a chosen indicator against the national level, by number or by threshold', async () => {
    const { get, createProject } = http;
    const projectId = await createProject(analyst, { lan: '01', namn: 'Väntetider i Stockholm' });
    const top = candidateRows((await get(`/staff/urval/${projectId}/steg/1?matt=indicator:waiting_time_90d&regel=antal&antal=1`, analyst)).body);
    expect(top[0]).toEqual({ unitId: world.ids.S4, byRule: true });
    expect(top.filter((r) => r.byRule)).toHaveLength(1);

    // The gap to the nation, computed here from the raw values: national level pooled over all units reporting.
    const latest = await db().selectFrom('indicator_value').select(['unit_id', 'value', 'denominator']).where('indicator', '=', 'patient_survey_overall').where('period_end', '=', AS_OF).execute();
    const national = latest.reduce((s, r) => s + r.value * r.denominator!, 0) / latest.reduce((s, r) => s + r.denominator!, 0);
    const gap = new Map(latest.map((r) => [r.unit_id, Math.round((national - r.value) * 1000) / 10]));
    const expected = world.stockholm.filter((id) => gap.get(id)! >= 5);
    expect(expected).toContain(world.ids.S1);
    expect(expected).not.toContain(world.ids.S5);
    const threshold = candidateRows((await get(`/staff/urval/${projectId}/steg/1?matt=indicator:patient_survey_overall&regel=grans&grans=5`, analyst)).body);
    expect(sorted(threshold.filter((r) => r.byRule).map((r) => r.unitId))).toEqual(sorted(expected));
    // Ranked by the gap, largest first.
    const gaps = threshold.map((r) => gap.get(r.unitId)!);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(threshold).toHaveLength(6);
  });

  it('decides on the criteria in view: changed after the ranking was shown, the decision is refused and the new ranking shown; "Visa rangordningen" keeps the texts', async () => {
    const { get, post, createProject } = http;
    const projectId = await createProject(analyst, { lan: '01', namn: 'Ändrad urvalsgrund' });
    const page = (await get(`/staff/urval/${projectId}/steg/1?matt=indicator_evidence&regel=antal&antal=3`, analyst)).body;
    // The criteria fields are part of the decision form, beside the criteria the candidates were ranked by.
    const decisionForm = /<form method="post" action="\/staff\/urval\/\d+\/steg\/1"[\s\S]*?<\/form>/.exec(page)![0];
    expect(decisionForm).toContain('name="visad-antal" value="3"');
    expect(decisionForm).toMatch(/id="antal" name="antal"[^>]*value="3"/);
    const shown3 = candidateRows(page).filter((r) => r.byRule).map((r) => r.unitId);
    const before = await selectionSnapshot(db());
    const decide = { matt: 'indicator_evidence', regel: 'antal', antal: '5', 'visad-matt': 'indicator_evidence', 'visad-regel': 'antal', 'visad-antal': '3', 'visad-grans': '', grans: '', enheter: shown3, motivering: 'Tre räcker.', atgard: 'besluta' };
    const refused = await post(`/staff/urval/${projectId}/steg/1`, analyst, decide);
    expect(refused.statusCode).toBe(409);
    // The message points at the field that changed.
    expect(errorLinks(refused.body)).toEqual([{ field: 'antal', message: 'Urvalsgrunden ändrades efter att rangordningen visades, så ingenting är beslutat. Kontrollera kandidaterna nedan och besluta igen.' }]);
    expect(candidateRows(refused.body).filter((r) => r.byRule)).toHaveLength(5);
    expect(refused.body).toContain('Tre räcker.');
    expect(await selectionSnapshot(db())).toEqual(before);

    const shown = await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...decide, antal: '2', atgard: 'visa' });
    expect(shown.statusCode).toBe(200);
    expect(candidateRows(shown.body).filter((r) => r.byRule)).toHaveLength(2);
    expect(shown.body).toContain('name="visad-antal" value="2"');
    expect(shown.body).toContain('Tre räcker.');
    expect(await selectionSnapshot(db())).toEqual(before);

    // Ticks made by hand: kept when the ranking is shown again on the same criteria, and through criteria that
    // are not valid (with everything written); undone, and said so, when the criteria change.
    const all = candidateRows(page).map((r) => r.unitId);
    const byHand = [...shown3.slice(0, 2), all.find((id) => !shown3.includes(id))!];
    const ticked = (html: string) => [...html.matchAll(/name="enheter" type="checkbox" value="([^"]+)" checked/g)].map((m) => m[1]).sort();
    const handForm = { ...decide, antal: '3', enheter: byHand, handskal: 'Byter en.', atgard: 'visa' };
    const again = await post(`/staff/urval/${projectId}/steg/1`, analyst, handForm);
    expect(again.statusCode).toBe(200);
    expect(ticked(again.body)).toEqual([...byHand].sort());
    expect(again.body).not.toContain('bockarna följer regeln igen');
    const invalid = await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...handForm, antal: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Tre räcker.');
    expect(invalid.body).toContain('Byter en.');
    for (const id of byHand) expect(invalid.body).toContain(`<input type="hidden" name="enheter" value="${id}"/>`);
    expect(invalid.body).toContain('name="visad-antal" value="3"');
    const mended = await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...handForm, antal: '3' });
    expect(ticked(mended.body)).toEqual([...byHand].sort());
    const other = await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...handForm, antal: '4' });
    expect(other.body).toContain('Urvalsgrunden är ändrad, så bockarna följer regeln igen.');
    expect(ticked(other.body)).toEqual(candidateRows(other.body).filter((r) => r.byRule).map((r) => r.unitId).sort());
    expect(await selectionSnapshot(db())).toEqual(before);
  });

  it('keeps a project as it was decided when the risk is recomputed later, and the database refuses to change a decision', async () => {
    const { get, post, createProject } = http;
    const projectId = await createProject(analyst, { lan: '01', namn: 'Historik' });
    const preview = candidateRows((await get(`/staff/urval/${projectId}/steg/1?matt=indicator_evidence&regel=antal&antal=2`, analyst)).body);
    const kept = preview.filter((r) => r.byRule).map((r) => r.unitId);
    expect((await post(`/staff/urval/${projectId}/steg/1`, analyst, { matt: 'indicator_evidence', regel: 'antal', antal: '2', enheter: kept, motivering: 'Historiken ska stå kvar.' })).statusCode).toBe(303);
    const before = {
      population: await db().selectFrom('selection_population_unit').selectAll().where('project_id', '=', projectId).orderBy('unit_id').execute(),
      units: await stageUnits(projectId, 1),
      memo: memoWithoutPrintDate((await get(`/staff/urval/${projectId}/memo`, analyst)).body),
    };
    const scoreBefore = (await db().selectFrom('risk_score').select('score').where('unit_id', '=', world.ids.S5).executeTakeFirstOrThrow()).score;

    // A quarter later: S5 gets many serious tips, and a new national run rescores every unit.
    await db()
      .insertInto('signal')
      .values(Array.from({ length: 12 }, (_, i) => ({ id: `SEL-LATER-${kind}-${i}`, unit_id: world.ids.S5, channel: 'tip', received_at: `2026-09-${String(2 + 2 * i).padStart(2, '0')}T10:00:00Z`, severity: 4, urgency: 'high', extra: '{}' })))
      .execute();
    await recomputeNationalRisk(db(), { asOf: '2026-09-30' });
    const scoreAfter = (await db().selectFrom('risk_score').select('score').where('unit_id', '=', world.ids.S5).executeTakeFirstOrThrow()).score;
    expect(scoreAfter).toBeGreaterThan(scoreBefore);

    expect(await db().selectFrom('selection_population_unit').selectAll().where('project_id', '=', projectId).orderBy('unit_id').execute()).toEqual(before.population);
    expect(await stageUnits(projectId, 1)).toEqual(before.units);
    expect(memoWithoutPrintDate((await get(`/staff/urval/${projectId}/memo`, analyst)).body)).toBe(before.memo);

    await expect(sql`UPDATE selection_stage SET rationale = 'ändrad' WHERE project_id = ${projectId}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM selection_stage_unit WHERE project_id = ${projectId}`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('takes the stages in order, each once, and writes nothing when refused', async () => {
    const { get, post, createProject } = http;
    const projectId = await createProject(analyst, { lan: '01', namn: 'Ordning' });
    const snapshot = await selectionSnapshot(db());
    const early = await post(`/staff/urval/${projectId}/steg/2`, analyst, { matt: 'signal_evidence', regel: 'antal', antal: '1', enheter: world.ids.S1, motivering: 'För tidigt.' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Steg 2 kan beslutas först när steg 1 är beslutat.');
    expect((await post(`/staff/urval/${projectId}/steg/3`, analyst, { valda: world.ids.S1, [`skal-${world.ids.S1}`]: 'x', motivering: 'x' })).statusCode).toBe(409);
    expect((await post(`/staff/urval/${projectId}/kontrollurval`, analyst, { 'kontroll-antal': '1' })).statusCode).toBe(409);
    expect(await selectionSnapshot(db())).toEqual(snapshot);
    const redirect = await get(`/staff/urval/${projectId}/steg/2`, analyst);
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/staff/urval/${projectId}#steg-2`);

    const first = { matt: 'indicator_evidence', regel: 'grans', grans: '1', antal: '', enheter: [world.ids.S1, world.ids.S4], motivering: 'Gränsvärde 1.' };
    const rows = candidateRows((await get(`/staff/urval/${projectId}/steg/1?matt=indicator_evidence&regel=grans&grans=1`, analyst)).body);
    expect((await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...first, enheter: rows.filter((r) => r.byRule).map((r) => r.unitId) })).statusCode).toBe(303);
    const afterFirst = await selectionSnapshot(db());
    const twice = await post(`/staff/urval/${projectId}/steg/1`, analyst, { ...first, enheter: rows.filter((r) => r.byRule).map((r) => r.unitId) });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Steg 1 är redan beslutat.');
    expect(await selectionSnapshot(db())).toEqual(afterFirst);
  });
});
