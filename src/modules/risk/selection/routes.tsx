import { readFile } from 'node:fs/promises';
import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireSignedIn, requireStaff, scopeOf, type StaffUser } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, isAppError, type FieldError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { UNIT_FORMS } from '../../registry/index.ts';
import { latestNationalRun } from '../scoring/index.ts';
import { projectScopeOf, requireProject } from './access.ts';
import { createSelectionProject, emptyProjectForm, type NewProjectForm } from './create-project.ts';
import { submissionIdOf } from '../../../platform/web/submission-id.ts';
import { decideInspectionChoice, decideRankedStage, findStageCandidates, REASON_PREFIX, stageBlocker, type Stage } from './decide-stage.ts';
import { drawControlSample, findSampleFrame } from './draw-control-sample.ts';
import { stringOf, stringsOf } from './form-input.ts';
import { renderMemoPdf } from './memo-pdf.ts';
import { METHOD_URL } from './memo-text.ts';
import { ChoosePage } from './pages/choose-page.tsx';
import { ListPage } from './pages/list-page.tsx';
import { MemoPage } from './pages/memo-page.tsx';
import { NewProjectPage } from './pages/new-project-page.tsx';
import { ProjectPage, type ControlForm } from './pages/project-page.tsx';
import { StagePage } from './pages/stage-page.tsx';
import { describePopulation, loadProjectOverview, loadReference } from './project-overview.ts';
import { changedCriterion, criteriaForm, defaultCriteria, measureOptions, parseCriteria, rankCandidates, type CriteriaForm, type RankedStage } from './rank-candidates.ts';
import { findCounties, findDepartments, findMunicipalities, findProjects, findStages, type ProjectRow } from './repository.ts';

type ProjectParams = { Params: { id: string } };
type StageParams = { Params: { id: string; stage: string } };

const PERMISSION = 'risk.select';
const EMPTY_CONTROL_FORM: ControlForm = { antal: '', fro: '', motivering: '' };
const projectUrl = (id: number, done?: string, anchor?: string) => `/staff/urval/${id}${done ? `?klart=${done}` : ''}${anchor ? `#${anchor}` : ''}`;

function parseStage(raw: string): Stage {
  if (raw === '1' || raw === '2' || raw === '3') return Number(raw) as Stage;
  throw AppError.notFound(`selection stage ${raw.slice(0, 10)}`);
}

const isValidation = (error: unknown): error is AppError => isAppError(error) && error.code === 'validation_failed';

const readCriteriaForm = (source: unknown, prefix = ''): CriteriaForm => ({
  matt: stringOf(source, `${prefix}matt`),
  regel: stringOf(source, `${prefix}regel`),
  antal: stringOf(source, `${prefix}antal`),
  grans: stringOf(source, `${prefix}grans`),
});

const CRITERIA_CHANGED = 'Urvalsgrunden ändrades efter att rangordningen visades, så ingenting är beslutat. Kontrollera kandidaterna nedan och besluta igen.';

/** Selection projects (urvalsprojekt): the funnel from a population to the units chosen for inspection. */
export async function selectionRoutes(app: FastifyInstance, { db, config }: AppContext): Promise<void> {
  const guard = { preHandler: requireStaff(PERMISSION) };

  // ---- the list and a new project ----

  app.get('/staff/urval', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const scope = projectScopeOf(staff);
    const [projects, reference] = await Promise.all([findProjects(db, scope), loadReference(db)]);
    const rows = projects.map((p) => ({
      id: p.id,
      title: p.title,
      populationText: describePopulation(p, reference).text,
      population: p.population_count,
      stage1: p.stage1 ?? null,
      stage2: p.stage2 ?? null,
      stage3: p.stage3 ?? null,
      control: p.control ?? null,
      createdByName: p.created_by_name,
      createdAt: p.created_at,
    }));
    return sendHtml(reply, <ListPage staff={staff} rows={rows} scopeName={scope.kind === 'department' ? (staff.departmentName ?? scope.code) : null} />);
  });

  const newProjectPage = async (reply: FastifyReply, staff: StaffUser, form: NewProjectForm, errors: FieldError[] = [], status = 200) => {
    const own = scopeOf(staff, PERMISSION) === 'national' ? undefined : (staff.department ?? undefined);
    const [departments, counties, municipalities, run] = await Promise.all([findDepartments(db), findCounties(db, own), findMunicipalities(db, own), latestNationalRun(db)]);
    return sendHtml(
      reply,
      <NewProjectPage
        staff={staff}
        form={form}
        errors={errors}
        forms={Object.entries(UNIT_FORMS).map(([value, text]) => ({ value, text }))}
        departments={own ? null : departments.map((d) => ({ value: d.code, text: d.name }))}
        counties={counties.map((c) => ({ value: c.code, text: c.name }))}
        municipalities={municipalities.map((m) => ({ value: m.code, text: m.name }))}
        run={run ? { id: run.id, asOf: run.as_of } : null}
      />,
      status,
    );
  };

  app.get('/staff/urval/ny', guard, async (request, reply) => newProjectPage(reply, requireSignedIn(request), emptyProjectForm()));

  app.post('/staff/urval', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const body = request.body;
    const form: NewProjectForm = {
      skickid: submissionIdOf(stringOf(body, 'skickid')),
      namn: stringOf(body, 'namn'),
      syfte: stringOf(body, 'syfte'),
      verksamhetsform: stringsOf(body, 'verksamhetsform').slice(0, 50),
      avdelning: stringOf(body, 'avdelning'),
      lan: stringOf(body, 'lan'),
      kommun: stringOf(body, 'kommun'),
      vardgivare: stringOf(body, 'vardgivare'),
    };
    try {
      const { id } = await createSelectionProject(db, { staff, form });
      return reply.redirect(projectUrl(id, 'skapat'), 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return newProjectPage(reply, staff, form, error.fields, 400);
    }
  });

  // The risk method, as written (docs/risk-method.md): what the memo's method note points to.
  let methodText: string | undefined;
  app.get(METHOD_URL, guard, async (_request, reply) => {
    methodText ??= await readFile(new URL('../../../../docs/risk-method.md', import.meta.url), 'utf8');
    return reply.type('text/plain; charset=utf-8').send(methodText);
  });

  // ---- the project page and the control sample ----

  const projectPage = async (reply: FastifyReply, staff: StaffUser, project: ProjectRow, options: { done?: string; controlForm?: ControlForm; errors?: FieldError[]; status?: number } = {}) => {
    const [overview, frame] = await Promise.all([loadProjectOverview(db, project), findSampleFrame(db, project.id)]);
    return sendHtml(
      reply,
      <ProjectPage staff={staff} overview={overview} done={options.done} controlForm={options.controlForm ?? EMPTY_CONTROL_FORM} errors={options.errors ?? []} frameSize={frame.length} />,
      options.status ?? 200,
    );
  };

  app.get<ProjectParams>('/staff/urval/:id', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const project = await requireProject(db, staff, request.params.id);
    return projectPage(reply, staff, project, { done: stringOf(request.query, 'klart').slice(0, 20) || undefined });
  });

  app.post<ProjectParams>('/staff/urval/:id/kontrollurval', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const body = request.body;
    const controlForm: ControlForm = {
      antal: stringOf(body, 'kontroll-antal'),
      fro: stringOf(body, 'kontroll-fro'),
      motivering: stringOf(body, 'kontroll-motivering'),
    };
    try {
      await drawControlSample(db, { staff, projectId: request.params.id, input: { size: controlForm.antal, seed: controlForm.fro, rationale: controlForm.motivering } });
      const project = await requireProject(db, staff, request.params.id);
      return reply.redirect(projectUrl(project.id, 'kontroll', 'kontrollurval'), 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const project = await requireProject(db, staff, request.params.id);
      return projectPage(reply, staff, project, { controlForm, errors: error.fields, status: 400 });
    }
  });

  // ---- the stages ----

  const rankedStagePage = async (
    reply: FastifyReply,
    staff: StaffUser,
    project: ProjectRow,
    stage: RankedStage,
    input: {
      form?: CriteriaForm; kept?: string[]; manualReason?: string; rationale?: string; errors?: FieldError[]; status?: number;
      /** A send of the decision form: the criteria its ticks were made on, and the ticks. */
      sent?: { shown: CriteriaForm; ticked: string[] };
    },
  ) => {
    const candidates = await findStageCandidates(db, project, stage);
    const options = measureOptions(stage, candidates);
    const form = input.form ?? criteriaForm(defaultCriteria(stage, candidates.length));
    const parsed = parseCriteria(form, options, candidates.length);
    const ranked = parsed.criteria ? rankCandidates(stage, candidates, parsed.criteria) : null;
    const byRule = (list: ReturnType<typeof rankCandidates> | null) => list?.filter((r) => r.byRule).map((r) => r.unit.unit_id) ?? [];
    let kept = input.kept;
    let handTicksUndone = false;
    if (!kept && input.sent) {
      // Ticks stay while they mean what they meant: the same criteria, or none valid to rank by yet.
      if (!ranked || changedCriterion(form, input.sent.shown) === null) kept = input.sent.ticked;
      else {
        const before = parseCriteria(input.sent.shown, options, candidates.length).criteria;
        const ruleBefore = new Set(before ? byRule(rankCandidates(stage, candidates, before)) : []);
        handTicksUndone = input.sent.ticked.length !== ruleBefore.size || input.sent.ticked.some((id) => !ruleBefore.has(id));
      }
    }
    // Errors of the criteria themselves are shown even on a plain preview.
    const errors = [...(input.errors ?? []), ...parsed.errors.filter((e) => !(input.errors ?? []).some((x) => x.field === e.field))];
    return sendHtml(
      reply,
      <StagePage
        staff={staff}
        project={{ id: project.id, title: project.title }}
        stage={stage}
        candidates={candidates.length}
        options={options}
        form={form}
        criteria={parsed.criteria ?? null}
        ranked={ranked}
        kept={new Set(kept ?? byRule(ranked))}
        manualReason={input.manualReason ?? ''}
        rationale={input.rationale ?? ''}
        errors={errors}
        sent={input.sent ? { shown: ranked ? form : input.sent.shown, handTicksUndone } : undefined}
      />,
      input.status ?? (errors.length > 0 ? 400 : 200),
    );
  };

  const choosePage = async (reply: FastifyReply, staff: StaffUser, project: ProjectRow, input: { chosen?: string[]; reasons?: Record<string, string>; rationale?: string; errors?: FieldError[]; status?: number } = {}) =>
    sendHtml(
      reply,
      <ChoosePage
        staff={staff}
        project={{ id: project.id, title: project.title }}
        candidates={await findStageCandidates(db, project, 3)}
        chosen={new Set(input.chosen ?? [])}
        reasons={input.reasons ?? {}}
        rationale={input.rationale ?? ''}
        errors={input.errors ?? []}
      />,
      input.status ?? 200,
    );

  app.get<StageParams>('/staff/urval/:id/steg/:stage', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const project = await requireProject(db, staff, request.params.id);
    const stage = parseStage(request.params.stage);
    // A decided stage, or one whose turn has not come, is shown on the project page.
    if (stageBlocker(await findStages(db, project.id), stage)) return reply.redirect(projectUrl(project.id, undefined, `steg-${stage}`), 303);
    if (stage === 3) return choosePage(reply, staff, project);
    const q = request.query as Record<string, unknown>;
    const asked = ['matt', 'regel', 'antal', 'grans'].some((name) => q && name in q);
    return rankedStagePage(reply, staff, project, stage, { form: asked ? readCriteriaForm(q) : undefined });
  });

  app.post<StageParams>('/staff/urval/:id/steg/:stage', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const stage = parseStage(request.params.stage);
    const body = request.body;
    if (stage === 3) {
      const reasons: Record<string, string> = {};
      const chosen = stringsOf(body, 'valda');
      for (const [name, value] of Object.entries(body && typeof body === 'object' ? (body as Record<string, unknown>) : {})) {
        if (name.startsWith(REASON_PREFIX) && typeof value === 'string') reasons[name.slice(REASON_PREFIX.length)] = value;
      }
      const rationale = stringOf(body, 'motivering');
      try {
        await decideInspectionChoice(db, { staff, projectId: request.params.id, input: { chosen, reasons, rationale } });
        const project = await requireProject(db, staff, request.params.id);
        return reply.redirect(projectUrl(project.id, 'steg3', 'steg-3'), 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        const project = await requireProject(db, staff, request.params.id);
        return choosePage(reply, staff, project, { chosen, reasons, rationale, errors: error.fields, status: 400 });
      }
    }
    const form = readCriteriaForm(body);
    const kept = stringsOf(body, 'enheter');
    const manualReason = stringOf(body, 'handskal');
    const rationale = stringOf(body, 'motivering');
    const shown = readCriteriaForm(body, 'visad-');
    const sent = shown.matt !== '' ? { shown, ticked: kept } : undefined;
    // "Visa rangordningen" inside the decision form: the ranking on the criteria in view, nothing decided,
    // the texts written kept, and the ticks too while the criteria are the same.
    if (stringOf(body, 'atgard') === 'visa') {
      const project = await requireProject(db, staff, request.params.id);
      return rankedStagePage(reply, staff, project, stage, { form, manualReason, rationale, sent });
    }
    // Criteria changed in view since the candidates were ranked: the ticks belong to other criteria.
    const changed = sent ? changedCriterion(form, shown) : null;
    if (changed) {
      const project = await requireProject(db, staff, request.params.id);
      return rankedStagePage(reply, staff, project, stage, { form, manualReason, rationale, sent, errors: [{ field: changed, message: CRITERIA_CHANGED }], status: 409 });
    }
    try {
      await decideRankedStage(db, { staff, projectId: request.params.id, stage, input: { criteria: form, kept, manualReason, rationale } });
      const project = await requireProject(db, staff, request.params.id);
      return reply.redirect(projectUrl(project.id, `steg${stage}`, `steg-${stage}`), 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const project = await requireProject(db, staff, request.params.id);
      return rankedStagePage(reply, staff, project, stage, { form, kept, manualReason, rationale, sent, errors: error.fields, status: 400 });
    }
  });

  // ---- the memo ----

  app.get<ProjectParams>('/staff/urval/:id/memo', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const project = await requireProject(db, staff, request.params.id);
    return sendHtml(reply, <MemoPage staff={staff} overview={await loadProjectOverview(db, project)} printedAt={new Date()} />);
  });

  app.get<ProjectParams>('/staff/urval/:id/memo.pdf', guard, async (request, reply) => {
    const staff = requireSignedIn(request);
    const project = await requireProject(db, staff, request.params.id);
    const pdf = await renderMemoPdf(await loadProjectOverview(db, project), { printedAt: new Date(), publicUrl: config.publicUrl });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="urvalsprojekt-${project.id}-pm.pdf"`)
      .header('x-content-type-options', 'nosniff')
      .send(pdf);
  });
}
