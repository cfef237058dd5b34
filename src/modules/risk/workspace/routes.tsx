import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { canInDepartment, hasPermission, requireSignedIn, requireStaff, safeReturnTo, type StaffUser } from '../../../platform/auth/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { sendHtml } from '../../../platform/web/layout.tsx';
import { RISK_AREAS, UNIT_FORMS } from '../../registry/codes.ts';
import { recomputeNationalRisk, recomputeStoredScore, requestNationalRun } from '../scoring/index.ts';
import { findUnitOpenAlerts } from '../alerts/index.ts';
import { readsNationally, requireDepartmentView, requireKommunView, requireUnitView } from './access.ts';
import { timelineMonths } from './charts/signal-timeline.tsx';
import { getKommunMap } from './kommun-map.ts';
import { collator, formLabel, riskAreaLabel } from './labels.ts';
import { CardPage, type CardPageProps } from './pages/card-page.tsx';
import { departmentHref, kommunHref, OverviewPage, type OverviewForm, type OverviewPageProps, type OverviewView, type PlaceConflicts } from './pages/overview-page.tsx';
import {
  ALARM_FILTERS,
  countScoredUnits,
  findCounties,
  findDepartments,
  findInspections,
  findLatestNationalRun,
  findMunicipalities,
  findPeerPoints,
  findPermitDecisions,
  findRankedUnits,
  findRatiosByKommun,
  rollUpRatios,
  findSignalTimeline,
  findUnitScore,
  summariseArea,
  type AlarmFilter,
  type Area,
  type RankFilter,
} from './repository.ts';
import { riskUnitsSchema, type RiskUnitsQuery } from './schemas.ts';

// The staff risk workspace (issue 4): the national, department and kommun views, the unit risk card, the
// ranked list as JSON, and the national recompute on command. Each route: parse → authorise → read → present.

export const PAGE_SIZE = 50;
const FORM_CODES = Object.keys(UNIT_FORMS);
const RISK_AREA_CODES = Object.keys(RISK_AREAS);

type Query = Record<string, unknown>;

/** A query-string value as one string ('' when absent or not a string). */
function stringOf(source: unknown, name: string): string {
  const value = source && typeof source === 'object' ? (source as Query)[name] : undefined;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

const oneOf = (allowed: readonly string[], value: string) => (allowed.includes(value) ? value : '');

function pageOf(source: unknown): number {
  const page = Number(stringOf(source, 'sida'));
  return Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** The filters of the form as a query string (without the page), for page links. */
function queryString(form: OverviewForm): string {
  return (Object.entries(form) as [keyof OverviewForm, string][])
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
}

/**
 * The filters that carry over to another area's view (its form, risk area and alarm), as `?…` or ''. Place filters
 * do not: the link itself chooses the place.
 */
function carriedQuery(form: OverviewForm, place: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    ...(form.form ? { form: form.form } : {}), ...(form.riskomrade ? { riskomrade: form.riskomrade } : {}), ...(form.larm ? { larm: form.larm } : {}), ...place,
  });
  const text = query.toString();
  return text ? `?${text}` : '';
}

const byText = (a: { text: string }, b: { text: string }) => collator.compare(a.text, b.text);

interface ReferenceData {
  departments: Awaited<ReturnType<typeof findDepartments>>;
  counties: Awaited<ReturnType<typeof findCounties>>;
  municipalities: Awaited<ReturnType<typeof findMunicipalities>>;
}

export async function workspaceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  /** The parts every view shares: the run, the figures, the filtered page of the list. */
  async function overview(
    reply: FastifyReply,
    staff: StaffUser,
    query: unknown,
    view: OverviewView,
    area: Area,
    path: string,
    /** What the view adds when there is a run: its places (departments or län) and its map. */
    extra: (form: OverviewForm, reference: ReferenceData) => Promise<Pick<OverviewPageProps, 'places' | 'map'>>,
  ) {
    const [run, departments, counties, municipalities] = await Promise.all([findLatestNationalRun(db), findDepartments(db), findCounties(db), findMunicipalities(db)]);
    const inArea = (m: { code: string; department_code: string; county_code: string }) =>
      area.kind === 'national' || (area.kind === 'department' ? m.department_code === area.code : m.code === area.code);
    const areaKommuner = municipalities.filter(inArea);
    const areaCounties = counties.filter((c) => area.kind === 'national' || (area.kind === 'department' && c.department_code === area.code));
    const form: OverviewForm = {
      form: oneOf(FORM_CODES, stringOf(query, 'form')),
      riskomrade: oneOf(RISK_AREA_CODES, stringOf(query, 'riskomrade')),
      larm: oneOf(ALARM_FILTERS, stringOf(query, 'larm')),
      avdelning: area.kind === 'national' ? oneOf(departments.map((d) => d.code), stringOf(query, 'avdelning')) : '',
      // A län or kommun outside the view's department is kept (a shared link, a redirect), so the page can say
      // why nothing matches instead of quietly showing the whole department.
      lan: area.kind === 'kommun' ? '' : oneOf(counties.map((c) => c.code), stringOf(query, 'lan')),
      kommun: area.kind === 'kommun' ? '' : oneOf(municipalities.map((m) => m.code), stringOf(query, 'kommun')),
    };
    const outside = <T extends { code: string }>(all: T[], inside: T[], code: string) => (code && !inside.some((x) => x.code === code) ? all.filter((x) => x.code === code) : []);
    const options: OverviewPageProps['options'] = {
      forms: FORM_CODES.map((code) => ({ value: code, text: formLabel(code) })).sort(byText),
      riskAreas: RISK_AREA_CODES.map((code) => ({ value: code, text: riskAreaLabel(code) })).sort(byText),
      departments: area.kind === 'national' ? departments.map((d) => ({ value: d.code, text: d.name })).sort(byText) : null,
      counties: area.kind === 'kommun' ? null : [...areaCounties, ...outside(counties, areaCounties, form.lan)].map((c) => ({ value: c.code, text: c.name })).sort(byText),
      kommuner: area.kind === 'kommun' ? null : [...areaKommuner, ...outside(municipalities, areaKommuner, form.kommun)].map((m) => ({ value: m.code, text: m.short_name })).sort(byText),
    };
    const props: OverviewPageProps = {
      staff,
      view,
      path,
      run,
      canRecompute: readsNationally(staff),
      form,
      options,
      placeConflicts: placeConflicts(form, departments, counties, municipalities, area.kind === 'department' ? area.code : undefined),
      queryWithoutPage: queryString(form),
    };
    // A run asked for at `startad` (ms, within the last day): under way until a run has finished since, then
    // done. Any other value is no run asked for, so a hand-made link cannot announce a run that did not happen.
    const startedAt = Number(stringOf(query, 'startad'));
    const asked = Number.isFinite(startedAt) && startedAt <= Date.now() && startedAt > Date.now() - 86_400_000;
    const finishedSince = asked && run !== undefined && run.finishedAt.getTime() >= startedAt;
    if (asked && !finishedSince) props.started = true;
    if (run) {
      if (finishedSince) props.recomputed = { asOf: run.asOf, units: run.units };
      const filter: RankFilter = {
        form: form.form || undefined,
        riskArea: form.riskomrade || undefined,
        alarm: (form.larm || undefined) as AlarmFilter | undefined,
        department: form.avdelning || undefined,
        county: form.lan || undefined,
        kommun: form.kommun || undefined,
      };
      let page = pageOf(query);
      // The figures, the places and the map cover the view's area and form; the place and risk-area filters
      // narrow the list only (a unit with a signal in the risk area has more signals than expected by choice).
      const [figures, asked] = await Promise.all([summariseArea(db, area, { form: filter.form }), findRankedUnits(db, area, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })]);
      let list = asked;
      const lastPage = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
      // A page past the end (an old bookmark) shows the last one.
      if (page > lastPage) {
        page = lastPage;
        list = await findRankedUnits(db, area, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      }
      props.figures = figures;
      props.list = { ...list, page, lastPage, offset: (page - 1) * PAGE_SIZE };
      Object.assign(props, await extra(form, { departments, counties, municipalities }));
    }
    return sendHtml(reply, <OverviewPage {...props} />);
  }

  /**
   * The place filters that exclude each other (a län outside the chosen department, a kommun outside the chosen
   * län or department), as sentences and the filters involved: with them no unit can match, and the page says why.
   */
  function placeConflicts(
    form: OverviewForm, departments: ReferenceData['departments'], counties: ReferenceData['counties'], municipalities: ReferenceData['municipalities'],
    /** The department of a department view, which the list keeps to whatever is chosen. */
    viewDepartment?: string,
  ): PlaceConflicts {
    const department = departments.find((d) => d.code === (viewDepartment ?? form.avdelning));
    const county = counties.find((c) => c.code === form.lan);
    const kommun = municipalities.find((m) => m.code === form.kommun);
    const departmentName = (name: string) => name.replace(/^Avdelning/, 'avdelning');
    const sentences: string[] = [];
    const fields = new Set<keyof OverviewForm>();
    const conflict = (sentence: string, ...involved: (keyof OverviewForm)[]) => {
      sentences.push(sentence);
      for (const field of involved) fields.add(field);
    };
    if (department && county && county.department_code !== department.code) conflict(`${county.name} hör inte till ${departmentName(department.name)}.`, 'avdelning', 'lan');
    if (kommun && county && kommun.county_code !== county.code) conflict(`${kommun.name} ligger inte i ${county.name}.`, 'lan', 'kommun');
    if (kommun && department && kommun.department_code !== department.code) conflict(`${kommun.name} hör inte till ${departmentName(department.name)}.`, 'avdelning', 'kommun');
    // A department view has no department to choose: only its län and kommun can be cleared.
    return { sentences, fields: (['avdelning', 'lan', 'kommun'] as const).filter((field) => fields.has(field) && !(viewDepartment && field === 'avdelning')) };
  }

  const mapHref = (form: OverviewForm) => (code: string) => `${kommunHref(code)}${carriedQuery(form)}`;

  app.get('/staff/risk', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    // Someone who reads one department only starts in that department.
    if (!readsNationally(staff)) {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`${departmentHref(staff.department ?? '')}${search}`, 302);
    }
    const area: Area = { kind: 'national' };
    return overview(reply, staff, request.query, { kind: 'national' }, area, '/staff/risk', async (form, { departments, municipalities }) => {
      const byKommun = await findRatiosByKommun(db, area, { form: form.form || undefined });
      const departmentOf = new Map(municipalities.map((m) => [m.code, m.department_code]));
      const ratios = new Map(rollUpRatios(byKommun, (code) => departmentOf.get(code)).map((r) => [r.code, r]));
      return {
        places: {
          title: 'Avdelningarna',
          caption: 'Avdelningarnas verksamheter: CUSUM-larm och externa signaler de senaste 26 veckorna mot förväntat',
          heading: 'Avdelning',
          rows: departments
            .filter((d) => ratios.has(d.code))
            .map((d) => ({ ...ratios.get(d.code)!, name: d.name, href: `${departmentHref(d.code)}${carriedQuery(form)}` }))
            .sort((a, b) => collator.compare(a.name, b.name)),
        },
        map: { map: getKommunMap('national'), ratios: byKommun, areaName: 'hela landet', hrefFor: mapHref(form) },
      };
    });
  });

  app.get<{ Params: { code: string } }>('/staff/risk/avdelning/:code', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const department = await requireDepartmentView(db, staff, request.params.code);
    const area: Area = { kind: 'department', code: department.code };
    const path = departmentHref(department.code);
    return overview(reply, staff, request.query, { kind: 'department', code: department.code, name: department.name }, area, path, async (form, { counties, municipalities }) => {
      const byKommun = await findRatiosByKommun(db, area, { form: form.form || undefined });
      const countyOf = new Map(municipalities.map((m) => [m.code, m.county_code]));
      const ratios = new Map(rollUpRatios(byKommun, (code) => countyOf.get(code)).map((r) => [r.code, r]));
      const kommunCodes = new Set(municipalities.filter((m) => m.department_code === department.code).map((m) => m.code));
      return {
        places: {
          title: 'Länen',
          caption: 'Länens verksamheter: CUSUM-larm och externa signaler de senaste 26 veckorna mot förväntat',
          heading: 'Län',
          rows: counties
            .filter((c) => c.department_code === department.code && ratios.has(c.code))
            .map((c) => ({ ...ratios.get(c.code)!, name: c.name, href: `${path}${carriedQuery(form, { lan: c.code })}#lista` }))
            .sort((a, b) => collator.compare(a.name, b.name)),
        },
        map: { map: getKommunMap(`department:${department.code}`, kommunCodes), ratios: byKommun, areaName: department.name.replace(/^Avdelning/, 'avdelning'), hrefFor: mapHref(form) },
      };
    });
  });

  app.get<{ Params: { code: string } }>('/staff/risk/kommun/:code', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const kommun = await requireKommunView(db, staff, request.params.code);
    const view: OverviewView = {
      kind: 'kommun',
      code: kommun.code,
      name: kommun.name,
      countyName: kommun.county_name,
      departmentCode: kommun.department_code,
      departmentName: kommun.department_name,
    };
    return overview(reply, staff, request.query, view, { kind: 'kommun', code: kommun.code }, kommunHref(kommun.code), async () => ({}));
  });

  app.get<{ Params: { unitId: string } }>('/staff/risk/enhet/:unitId', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    const unit = await requireUnitView(db, staff, request.params.unitId);
    const [run, score, inspections, permits, openAlerts] = await Promise.all([
      findLatestNationalRun(db), findUnitScore(db, unit.id), findInspections(db, unit.id), findPermitDecisions(db, unit.id), findUnitOpenAlerts(db, unit.id),
    ]);
    let risk: CardPageProps['risk'];
    if (run && score) {
      const months = timelineMonths(score.as_of);
      const until = new Date(Date.parse(`${score.as_of}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const [scoredUnits, peers, timeline, recomputed] = await Promise.all([
        countScoredUnits(db), findPeerPoints(db, score.form), findSignalTimeline(db, unit.id, `${months[0]}-01`, until),
        // The contributions and the CUSUM path are not stored with the score: computed again for the card.
        recomputeStoredScore(db, unit.id),
      ]);
      risk = {
        score,
        contributions: recomputed?.contributions ?? [],
        scoredUnits,
        funnel: { peers, unit: { observed: score.observed_recent, expected: score.expected_recent }, tau2: run.tau2Signals, formLabel: formLabel(score.form) },
        cusum: { path: recomputed?.cusumPath ?? [], threshold: run.cusumThreshold, asOf: score.as_of },
        timeline: { asOf: score.as_of, months, ...timeline },
      };
    }
    return sendHtml(
      reply,
      <CardPage
        staff={staff}
        unit={unit}
        run={run}
        canRecompute={readsNationally(staff)}
        canReadRegister={hasPermission(staff, 'register.read')}
        risk={risk}
        inspections={inspections}
        permits={permits}
        openAlerts={openAlerts}
        canTriage={canInDepartment(staff, 'signal.triage', unit.department_code)}
      />,
    );
  });

  // The national recompute on command: a CSRF-checked POST (see platform/auth) for those who read nationally.
  app.post('/staff/risk/berakna', { preHandler: requireStaff('risk.read') }, async (request, reply) => {
    const staff = requireSignedIn(request);
    if (!readsNationally(staff)) throw AppError.notFound('national risk recompute (department scope only)');
    const back = safeReturnTo(stringOf(request.body, 'tillbaka'), '/staff/risk');
    // Back to the view with its filters, the notice of an earlier run dropped.
    const target = new URL(back.startsWith('/staff/risk') ? back : '/staff/risk', 'http://vaka.invalid');
    target.hash = '';
    for (const notice of ['startad', 'sida']) target.searchParams.delete(notice);
    // The running app computes in the background (half a minute for the country); without a queue, at once.
    target.searchParams.set('startad', String(Date.now()));
    if (ctx.jobs) await requestNationalRun(ctx.jobs);
    else await recomputeNationalRisk(db);
    return reply.redirect(`${target.pathname}${target.search}`, 303);
  });

  // ---- the ranked list as JSON ----

  app.get<{ Querystring: RiskUnitsQuery }>('/api/v1/risk/units', { schema: riskUnitsSchema, preHandler: requireStaff('risk.read') }, async (request) => {
    const staff = requireSignedIn(request);
    const { form, kommun, county, department, riskArea, alarm, limit, offset } = request.query;
    let area: Area = { kind: 'national' };
    if (!readsNationally(staff)) {
      if (department !== undefined && department !== staff.department) throw AppError.notFound(`risk list of department ${department}`);
      area = { kind: 'department', code: staff.department! };
    } else if (department !== undefined && !(await findDepartments(db)).some((d) => d.code === department)) {
      throw AppError.notFound(`risk list of department ${department}`);
    }
    const run = await findLatestNationalRun(db);
    if (!run) return { asOf: null, computedAt: null, total: 0, items: [] };
    const { total, rows } = await findRankedUnits(db, area, { form, kommun, county, department, riskArea, alarm }, { limit, offset });
    return {
      asOf: run.asOf,
      computedAt: run.finishedAt.toISOString(),
      total,
      items: rows.map((r) => ({
        unitId: r.unit_id,
        name: r.name,
        form: r.form,
        kommun: r.kommun,
        kommunName: r.kommun_name,
        county: r.county_code,
        department: r.department_code,
        score: r.score,
        nationalRank: r.national_rank,
        triggers: r.triggers,
        cusumAlarm: r.cusum_alarm,
        observedRecent: r.observed_recent,
        expectedRecent: r.expected_recent,
        reasons: r.reasons,
      })),
    };
  });
}
