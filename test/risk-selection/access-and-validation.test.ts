import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { candidateRows, errorLinks, httpFor } from './support.ts';
import { buildSelectionWorld, selectionSnapshot, type SelectionWorld } from './world.ts';

describe.each(databaseKinds)('selection projects: who may see them, and what is refused, on %s', (kind) => {
  let t: TestApp;
  let world: SelectionWorld;
  let analyst: SignedIn;
  let decisionMaker: SignedIn;
  let stockholm: SignedIn;
  let syd: SignedIn;
  let registrar: SignedIn;
  let administrator: SignedIn;
  let http: ReturnType<typeof httpFor>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildSelectionWorld(t.database.db);
    analyst = await signInAs(t, 'analyst');
    decisionMaker = await signInAs(t, 'decision_maker');
    stockholm = await signInAs(t, 'inspector', 'stockholm');
    syd = await signInAs(t, 'inspector', 'syd');
    registrar = await signInAs(t, 'registrar');
    administrator = await signInAs(t, 'administrator');
    http = httpFor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;

  /** A Stockholm project taken through stage 2, so every form of it can be tried. */
  async function projectAtStage3(who: SignedIn) {
    const { get, post, createProject } = http;
    const id = await createProject(who, { lan: '01' });
    const rows1 = candidateRows((await get(`/staff/urval/${id}/steg/1?matt=indicator_evidence&regel=antal&antal=3`, who)).body);
    expect((await post(`/staff/urval/${id}/steg/1`, who, { matt: 'indicator_evidence', regel: 'antal', antal: '3', enheter: rows1.filter((r) => r.byRule).map((r) => r.unitId), motivering: 'Steg 1.' })).statusCode).toBe(303);
    const rows2 = candidateRows((await get(`/staff/urval/${id}/steg/2?matt=signal_evidence&regel=antal&antal=2`, who)).body);
    const kept2 = rows2.filter((r) => r.byRule).map((r) => r.unitId);
    expect((await post(`/staff/urval/${id}/steg/2`, who, { matt: 'signal_evidence', regel: 'antal', antal: '2', enheter: kept2, motivering: 'Steg 2.' })).statusCode).toBe(303);
    return { id, candidates: kept2 };
  }

  it('makes one project of a form sent twice, or three times at once, and leads every send to it', async () => {
    const { get, post } = http;
    const page = (await get('/staff/urval/ny', stockholm)).body;
    const skickid = /name="skickid" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(skickid).toBeDefined();
    const form = { skickid: skickid!, namn: 'Skickat två gånger', syfte: 'Dubbelklick.', verksamhetsform: 'vardcentral', lan: '01' };
    const before = Number((await db().selectFrom('selection_project').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const sends = await Promise.all([post('/staff/urval', stockholm, form), post('/staff/urval', stockholm, form), post('/staff/urval', stockholm, form)]);
    const again = await post('/staff/urval', stockholm, form);
    const locations = new Set([...sends, again].map((r) => (expect(r.statusCode).toBe(303), r.headers.location)));
    expect(locations.size).toBe(1);
    expect(Number((await db().selectFrom('selection_project').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 1);
    // A fresh form is a new project.
    const fresh = /name="skickid" value="([0-9a-f-]{36})"/.exec((await get('/staff/urval/ny', stockholm)).body)![1];
    expect(fresh).not.toBe(skickid);
    // The same form changed after going back (the browser keeps its id), or sent by someone else: a new project.
    const changed = await post('/staff/urval', stockholm, { ...form, namn: 'Ett annat projekt' });
    const bySomeoneElse = await post('/staff/urval', analyst, form);
    for (const other of [changed, bySomeoneElse]) {
      expect(other.statusCode).toBe(303);
      expect(other.headers.location).not.toBe([...locations][0]);
    }
    expect(changed.headers.location).not.toBe(bySomeoneElse.headers.location);
  });

  it('answers 400 naming each field for a bad new project, and writes nothing', async () => {
    const { post } = http;
    const before = await selectionSnapshot(db());
    const cases: [Record<string, string | string[]>, SignedIn, { field: string; message: string }[]][] = [
      [{ namn: '', syfte: '', verksamhetsform: [] }, analyst, [
        { field: 'namn', message: 'Skriv ett namn på urvalsprojektet' },
        { field: 'syfte', message: 'Skriv syftet med urvalet' },
        { field: 'verksamhetsform', message: 'Välj minst en verksamhetsform' },
      ]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'rymdstation' }, analyst, [{ field: 'verksamhetsform', message: 'Välj verksamhetsformer i listan' }]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral', lan: '01', kommun: '1280' }, analyst, [{ field: 'kommun', message: 'Kommunen ligger inte i det valda länet' }]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral', avdelning: 'syd', lan: '01' }, analyst, [{ field: 'lan', message: 'Länet ligger inte inom den valda avdelningen' }]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral', vardgivare: '5560000000' }, analyst, [{ field: 'vardgivare', message: 'Det finns ingen vårdgivare eller huvudman med det organisationsnumret eller namnet' }]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral', lan: '01' }, syd, [{ field: 'lan', message: 'Välj ett län inom din avdelning' }]],
      [{ namn: 'x', syfte: 'y', verksamhetsform: 'tandvard', lan: '01' }, analyst, [{ field: 'verksamhetsform', message: 'Det finns inga verksamheter med riskpoäng som stämmer med avgränsningen. Välj andra verksamhetsformer eller ett större område' }]],
      [{ namn: 'n'.repeat(201), syfte: 'y', verksamhetsform: 'vardcentral' }, analyst, [{ field: 'namn', message: 'Namnet får vara högst 200 tecken (nu 201)' }]],
    ];
    for (const [form, who, expected] of cases) {
      const response = await post('/staff/urval', who, form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(errorLinks(response.body), JSON.stringify(form)).toEqual(expected);
      for (const { field } of expected) expect(response.body).toContain(`id="${field}"`);
    }
    // A text far over its limit is measured whole and given back whole, not cut before it is checked.
    const long = await post('/staff/urval', analyst, { namn: 'n'.repeat(1500), syfte: 'y', verksamhetsform: 'vardcentral' });
    expect(long.statusCode).toBe(400);
    expect(errorLinks(long.body)).toEqual([{ field: 'namn', message: `Namnet får vara högst 200 tecken (nu ${(1500).toLocaleString('sv-SE')})` }]);
    expect(long.body).toContain('n'.repeat(1500));
    expect(await selectionSnapshot(db())).toEqual(before);
  });

  it('answers 400 naming each field for a bad stage or control sample, and writes nothing', async () => {
    const { post, get, createProject } = http;
    const fresh = await createProject(analyst, { lan: '01', namn: 'Felprov' });
    const top = candidateRows((await get(`/staff/urval/${fresh}/steg/1?matt=indicator_evidence&regel=antal&antal=2`, analyst)).body);
    const byRule = top.filter((r) => r.byRule).map((r) => r.unitId);
    const other = top.find((r) => !r.byRule)!.unitId;
    const good = { matt: 'indicator_evidence', regel: 'antal', antal: '2', grans: '', enheter: byRule, handskal: '', motivering: 'Skäl.' };
    const before = await selectionSnapshot(db());
    const stageCases: [Record<string, string | string[]>, { field: string; message: string }[]][] = [
      [{ ...good, antal: 'tre' }, [{ field: 'antal', message: 'Skriv hur många verksamheter som ska gå vidare, ett heltal från 1 till 6' }]],
      [{ ...good, antal: '7' }, [{ field: 'antal', message: 'Skriv hur många verksamheter som ska gå vidare, ett heltal från 1 till 6' }]],
      [{ ...good, regel: 'grans', grans: 'mycket' }, [{ field: 'grans', message: 'Skriv gränsvärdet som ett tal, till exempel 1,5' }]],
      [{ ...good, regel: '' }, [{ field: 'regel', message: 'Välj om ett antal eller ett gränsvärde avgör vilka som går vidare' }]],
      [{ ...good, matt: 'magkansla' }, [{ field: 'matt', message: 'Välj vad verksamheterna ska rangordnas efter' }]],
      [{ ...good, motivering: '  ' }, [{ field: 'motivering', message: 'Skriv motiveringen till beslutet' }]],
      [{ ...good, enheter: [] }, [{ field: 'enheter', message: 'Välj minst en verksamhet som ska gå vidare' }]],
      [{ ...good, enheter: [...byRule, 'U-finns-inte'] }, [{ field: 'enheter', message: 'En vald verksamhet finns inte bland kandidaterna. Ladda om sidan och välj igen' }]],
      [{ ...good, enheter: [...byRule, other] }, [{ field: 'handskal', message: 'Skriv varför du har lagt till eller tagit bort verksamheter för hand' }]],
      [{ ...good, enheter: byRule.slice(1) }, [{ field: 'handskal', message: 'Skriv varför du har lagt till eller tagit bort verksamheter för hand' }]],
    ];
    for (const [form, expected] of stageCases) {
      const response = await post(`/staff/urval/${fresh}/steg/1`, analyst, form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(errorLinks(response.body), JSON.stringify(form)).toEqual(expected);
    }
    // The page keeps what the person ticked and wrote.
    const kept = await post(`/staff/urval/${fresh}/steg/1`, analyst, { ...good, enheter: [...byRule, other], motivering: 'Min motivering <b>fet</b>' });
    expect(kept.body).toContain('Min motivering &lt;b>fet&lt;/b>');
    expect(candidateRows(kept.body).map((r) => r.unitId)).toContain(other);
    expect(kept.body).toMatch(new RegExp(`value="${other}" checked`));
    expect(await selectionSnapshot(db())).toEqual(before);

    // Stage 3: a chosen unit without a reason is named; nothing is chosen; a unit that did not go on.
    const { id, candidates } = await projectAtStage3(analyst);
    const name = (unitId: string) => Object.entries(world.ids).find(([, v]) => v === unitId)![0];
    const atStage3 = await selectionSnapshot(db());
    const noReason = await post(`/staff/urval/${id}/steg/3`, analyst, { valda: candidates, [`skal-${candidates[0]}`]: 'Skäl finns.', motivering: 'Två.' });
    expect(noReason.statusCode).toBe(400);
    expect(errorLinks(noReason.body)).toEqual([{ field: `skal-${candidates[1]}`, message: `Skriv varför ${world.names[name(candidates[1])]} ska inspekteras` }]);
    expect(noReason.body).toContain('Skäl finns.');
    const none = await post(`/staff/urval/${id}/steg/3`, analyst, { motivering: '' });
    expect(errorLinks(none.body)).toEqual([
      { field: 'valda', message: 'Välj minst en verksamhet att inspektera' },
      { field: 'motivering', message: 'Skriv motiveringen till beslutet' },
    ]);
    const outsider = world.stockholm.find((u) => !candidates.includes(u))!;
    const notCandidate = await post(`/staff/urval/${id}/steg/3`, analyst, { valda: outsider, [`skal-${outsider}`]: 'x', motivering: 'x' });
    expect(errorLinks(notCandidate.body)).toEqual([{ field: 'valda', message: 'En vald verksamhet gick inte vidare från steg 2. Ladda om sidan och välj igen' }]);
    expect(await selectionSnapshot(db())).toEqual(atStage3);

    // The control sample's size and seed.
    expect((await post(`/staff/urval/${id}/steg/3`, analyst, { valda: candidates[0], [`skal-${candidates[0]}`]: 'Skäl.', motivering: 'En.' })).statusCode).toBe(303);
    const decided = await selectionSnapshot(db());
    for (const [form, expected] of [
      [{ 'kontroll-antal': '6', 'kontroll-fro': '' }, [{ field: 'kontroll-antal', message: 'Skriv hur många verksamheter kontrollurvalet ska ha, ett heltal från 1 till 5' }]],
      [{ 'kontroll-antal': '0', 'kontroll-fro': '' }, [{ field: 'kontroll-antal', message: 'Skriv hur många verksamheter kontrollurvalet ska ha, ett heltal från 1 till 5' }]],
      [{ 'kontroll-antal': '2', 'kontroll-fro': '4294967296' }, [{ field: 'kontroll-fro', message: 'Skriv fröet som ett heltal från 0 till 4 294 967 295, eller lämna fältet tomt' }]],
      [{ 'kontroll-antal': '2', 'kontroll-fro': '-1' }, [{ field: 'kontroll-fro', message: 'Skriv fröet som ett heltal från 0 till 4 294 967 295, eller lämna fältet tomt' }]],
    ] as const) {
      const response = await post(`/staff/urval/${id}/kontrollurval`, analyst, { ...form });
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(errorLinks(response.body).map((e) => ({ ...e, message: e.message.replace(/\u00a0/g, ' ') }))).toEqual(expected);
    }
    expect(await selectionSnapshot(db())).toEqual(decided);
    // Without a seed one is drawn, stored, and redraws the same units.
    expect((await post(`/staff/urval/${id}/kontrollurval`, analyst, { 'kontroll-antal': '3', 'kontroll-fro': '' })).statusCode).toBe(303);
    const sample = await db().selectFrom('selection_control_sample').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow();
    const { drawSample } = await import('../../src/modules/risk/selection/random-sample.ts');
    expect(sample.unit_ids).toEqual(drawSample(world.stockholm.filter((u) => u !== candidates[0]), 3, sample.seed));
  });

  it('refuses a post without the CSRF token or signed out, writing nothing', async () => {
    const { post, createProject } = http;
    const id = await createProject(analyst, { lan: '01' });
    const before = await selectionSnapshot(db());
    const create = await post('/staff/urval', analyst, { namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral' }, null);
    expect(create.statusCode).toBe(400);
    expect(create.body).toContain('säkerhetskontrollen');
    expect((await post(`/staff/urval/${id}/steg/1`, analyst, { matt: 'indicator_evidence', regel: 'antal', antal: '1', enheter: world.ids.S1, motivering: 'x' }, 'fel-token')).statusCode).toBe(400);
    expect((await post(`/staff/urval/${id}/kontrollurval`, analyst, { 'kontroll-antal': '1' }, null)).statusCode).toBe(400);
    const signedOut = await t.app.inject({ method: 'POST', url: '/staff/urval', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'namn=x&syfte=y&verksamhetsform=vardcentral' });
    expect(signedOut.statusCode).toBe(401);
    expect(await selectionSnapshot(db())).toEqual(before);
    const page = await t.app.inject({ method: 'GET', url: `/staff/urval/${id}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent(`/staff/urval/${id}`)}`);
  });

  it('gives an inspector of another department 404 for a Stockholm project, its pages and every action; a Stockholm inspector may work on it', async () => {
    const { get, post } = http;
    const { id, candidates } = await projectAtStage3(analyst);
    const before = await selectionSnapshot(db());
    for (const path of ['', '/steg/1', '/steg/2', '/steg/3', '/memo', '/memo.pdf']) {
      expect((await get(`/staff/urval/${id}${path}`, syd)).statusCode, path).toBe(404);
    }
    for (const [path, form] of [
      ['/steg/3', { valda: candidates[0], [`skal-${candidates[0]}`]: 'Kapad', motivering: 'Kapad' }],
      ['/steg/1', { matt: 'indicator_evidence', regel: 'antal', antal: '1', enheter: world.ids.S1, motivering: 'x' }],
      ['/kontrollurval', { 'kontroll-antal': '1' }],
    ] as const) {
      expect((await post(`/staff/urval/${id}${path}`, syd, { ...form })).statusCode, path).toBe(404);
    }
    expect(await selectionSnapshot(db())).toEqual(before);
    expect((await get('/staff/urval', syd)).body).not.toContain(`/staff/urval/${id}"`);
    // The same answer as for a project that does not exist, or an address that is not one.
    expect((await get('/staff/urval/999999', analyst)).statusCode).toBe(404);
    expect((await get('/staff/urval/abc', analyst)).statusCode).toBe(404);
    expect((await get(`/staff/urval/${id}/steg/4`, analyst)).statusCode).toBe(404);

    // The project's population lies in Stockholm: the Stockholm inspector may open it and decide stage 3.
    expect((await get(`/staff/urval/${id}`, stockholm)).statusCode).toBe(200);
    expect((await get('/staff/urval', stockholm)).body).toContain(`/staff/urval/${id}"`);
    const chosen = await post(`/staff/urval/${id}/steg/3`, stockholm, { valda: candidates[0], [`skal-${candidates[0]}`]: 'Inspektören väljer.', motivering: 'Beslut av inspektören.' });
    expect(chosen.statusCode).toBe(303);
    expect(await db().selectFrom('selection_stage').select(['decided_by', 'decided_by_name']).where('project_id', '=', id).where('stage', '=', 3).executeTakeFirstOrThrow()).toEqual({ decided_by: stockholm.subject, decided_by_name: stockholm.name });
  });

  it('gives people without the selection permission 404 everywhere', async () => {
    const { get, post, createProject } = http;
    const id = await createProject(analyst, { lan: '01' });
    const before = await selectionSnapshot(db());
    for (const who of [registrar, administrator]) {
      for (const path of ['/staff/urval', '/staff/urval/ny', '/staff/urval/metod', `/staff/urval/${id}`, `/staff/urval/${id}/steg/1`, `/staff/urval/${id}/memo`, `/staff/urval/${id}/memo.pdf`]) {
        expect((await get(path, who)).statusCode, path).toBe(404);
      }
      expect((await post('/staff/urval', who, { namn: 'x', syfte: 'y', verksamhetsform: 'vardcentral' })).statusCode).toBe(404);
      expect((await post(`/staff/urval/${id}/steg/1`, who, { matt: 'indicator_evidence', regel: 'antal', antal: '1', enheter: world.ids.S1, motivering: 'x' })).statusCode).toBe(404);
    }
    expect(await selectionSnapshot(db())).toEqual(before);
  });

  it("limits an inspector's population to their own department; national staff may select across departments", async () => {
    const { get, createProject } = http;
    const sydProject = await createProject(syd, { namn: 'Vårdcentraler i syd' });
    const row = await db().selectFrom('selection_project').select(['department_code', 'population_count']).where('id', '=', sydProject).executeTakeFirstOrThrow();
    expect(row).toEqual({ department_code: 'syd', population_count: 6 });
    const population = await db().selectFrom('selection_population_unit').select('unit_id').where('project_id', '=', sydProject).execute();
    expect(population.map((p) => p.unit_id).sort()).toEqual([...world.skane].sort());
    const sydPage = await get(`/staff/urval/${sydProject}`, syd);
    expect(sydPage.statusCode).toBe(200);
    // The limit to the inspector's department is part of the population, on the page and in the memo.
    expect(sydPage.body).toContain('inom avdelning syd');
    expect(sydPage.body).not.toContain('i hela landet');
    expect((await get(`/staff/urval/${sydProject}/memo`, syd)).body).toContain('inom avdelning syd');
    expect((await get(`/staff/urval/${sydProject}`, stockholm)).statusCode).toBe(404);
    expect((await get(`/staff/urval/${sydProject}`, analyst)).statusCode).toBe(200);
    // The inspector's form offers only the län of their department.
    const form = (await get('/staff/urval/ny', syd)).body;
    expect(form).toContain('<option value="12">Skåne län</option>');
    expect(form).not.toContain('<option value="01">');
    expect(form).not.toContain('<option value="0180">');
    expect(form).not.toContain('id="avdelning"');

    // A national project: all vårdcentraler; only national staff see it.
    const national = await createProject(decisionMaker, { namn: 'Alla vårdcentraler' });
    expect(await db().selectFrom('selection_project').select(['department_code', 'population_count']).where('id', '=', national).executeTakeFirstOrThrow()).toEqual({ department_code: null, population_count: 12 });
    expect((await get(`/staff/urval/${national}`, analyst)).statusCode).toBe(200);
    expect((await get(`/staff/urval/${national}`, stockholm)).statusCode).toBe(404);
    expect((await get(`/staff/urval/${national}`, syd)).statusCode).toBe(404);
    // A kommun decides the department too.
    const solna = await createProject(analyst, { namn: 'Solna', kommun: '0184' });
    expect(await db().selectFrom('selection_project').select(['department_code', 'population_count']).where('id', '=', solna).executeTakeFirstOrThrow()).toEqual({ department_code: 'stockholm', population_count: 1 });
    // A provider narrows it to that provider's units.
    const provider = await db().selectFrom('unit').innerJoin('provider', 'provider.id', 'unit.provider_id').select(['provider.orgnr', 'unit.id']).where('unit.id', '=', world.ids.M2).executeTakeFirstOrThrow();
    const byProvider = await createProject(analyst, { namn: 'En vårdgivare', vardgivare: `${provider.orgnr!.slice(0, 6)}-${provider.orgnr!.slice(6)}` });
    expect((await db().selectFrom('selection_population_unit').select('unit_id').where('project_id', '=', byProvider).execute()).map((r) => r.unit_id)).toEqual([world.ids.M2]);
  });

  it('escapes what people write', async () => {
    const { get, createProject } = http;
    const id = await createProject(analyst, { lan: '01', namn: 'Urval <script>alert(1)</script>', syfte: '"><img src=x onerror=alert(1)>' });
    for (const path of ['', '/memo', '/steg/1']) {
      const body = (await get(`/staff/urval/${id}${path}`, analyst)).body;
      expect(body, path).not.toContain('<script>alert(1)');
      expect(body, path).toContain('Urval &lt;script>alert(1)&lt;/script>');
    }
    expect((await get(`/staff/urval/${id}`, analyst)).body).not.toContain('<img src=x');
  });
});
