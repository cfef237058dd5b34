// Demo decisions: a deterministic sample of the demo world's inspections that ended in criticism, a demand for
// a report of actions, an injunction or a ban becomes cases with decisions — opened and decided through the
// same code as any case (openCase, decideCase), decided on the inspection's date and pointing at its row in
// the register-level inspection table. Decisions whose reporting deadline has passed are followed up as a
// provider and an officer would: actions reported, accepted, follow-up closed. So the effect view and the
// public decision search show real numbers on the demo world.
import { sql } from 'kysely';
import { DEMO_USERS } from '../../../platform/auth/demo-users.ts';
import type { Db } from '../../../platform/db/database.ts';
import { openCase } from '../open-case.ts';
import { decideCase } from './decide-case.ts';
import type { DecisionInput } from './decision-input.ts';
import { assessAction, closeFollowUp } from './follow-up.ts';
import { addDays } from '../../../platform/dates.ts';
import { riskAreaLabel, TOOLS_WITH_REPORT, type DecisionTool } from './labels.ts';
import { reportActions } from './report-actions.ts';
import { formatLongDate } from '../../../platform/dates.ts';

export interface SeedDemoDecisionsOptions {
  seed: number;
  /** Decisions per tool (criticism, demand for a report, injunction, ban); the whole sample is 4 × this at most. */
  perTool?: number;
  diariumTemplate?: string;
  portalUrl?: string;
}

const DEMO_ACTOR = 'system:demo';
const SEEDED_OUTCOMES = ['criticism', 'demand_actions', 'injunction', 'ban'] as const;

const HEALTH_FORMS = new Set(['vardcentral', 'sjukhus', 'tandvard', 'apotek', 'estetisk', 'psykiatri']);
const LSS_FORMS = new Set(['personlig_assistans', 'lss_bostad', 'lss_daglig']);

/** A plausible legal basis per risk area and law: demo text, not legal advice. */
const LEGAL_BASIS: Record<'hsl' | 'sol' | 'lss', Partial<Record<string, string>> & { default: string }> = {
  hsl: {
    default: '5 kap. 1 § HSL',
    management_systems: '3 kap. 1 § PSL',
    documentation: '3 kap. 1 § PDL',
    staffing_competence: '5 kap. 2 § HSL',
    hygiene_infection: '5 kap. 2 § HSL',
    access_waiting: '9 kap. 1 § HSL',
    cooperation: '16 kap. 4 § HSL',
    dignity_respect: '5 kap. 1 § PL',
  },
  sol: {
    default: '3 kap. 3 § SoL',
    management_systems: '3 kap. 3 § SoL',
    documentation: '11 kap. 5 § SoL',
    safety_abuse: '14 kap. 2 § SoL',
    dignity_respect: '1 kap. 1 § SoL',
  },
  lss: {
    default: '6 § LSS',
    documentation: '21 a § LSS',
    safety_abuse: '24 b § LSS',
    dignity_respect: '5 § LSS',
  },
};

const FINDINGS: Record<string, string> = {
  care_quality: 'Verksamheten kan inte visa att vården och insatserna planeras, genomförs och följs upp så att de är av god kvalitet och säkra.',
  medication: 'Läkemedel förvaras och ges utan fungerande rutiner. Signeringslistor saknas eller är ofullständiga.',
  staffing_competence: 'Bemanningen räcker inte till och personalen saknar delvis den kompetens som uppdraget kräver.',
  safety_abuse: 'Verksamheten har inte sett till att de som bor eller vårdas där skyddas mot våld, hot och otillåtna tvångsåtgärder.',
  hygiene_infection: 'Basala hygienrutiner följs inte och verksamheten saknar rutiner för att förebygga smitta.',
  cooperation: 'Informationen till andra vårdgivare och huvudmän förs inte över på ett säkert sätt, så viktiga uppgifter riskerar att gå förlorade.',
  access_waiting: 'Patienter får inte kontakt med verksamheten eller vård inom den tid som krävs.',
  dignity_respect: 'De som vårdas görs inte delaktiga i planeringen och bemöts inte alltid med respekt för sin integritet.',
  documentation: 'Dokumentationen är ofullständig: beslut, insatser och viktiga händelser dokumenteras inte.',
  environment_premises: 'Lokalerna och utrustningen är inte lämpliga för verksamheten och brister i säkerhet.',
  management_systems: 'Verksamheten saknar ett fungerande ledningssystem: avvikelser utreds inte och kvalitetsarbetet följs inte upp.',
  dishonest_operator: 'Verksamheten har inte lämnat korrekta uppgifter till IVO om vem som leder och äger den.',
};

const ACTIONS: Record<string, string> = {
  default: 'Rutinen är omarbetad, all personal har gått igenom den och verksamhetschefen följer upp den varje månad.',
  medication: 'Ny rutin för läkemedelshantering med dubbelsignering; sjuksköterska granskar signeringslistorna varje vecka.',
  staffing_competence: 'Bemanningen är utökad nattetid och all personal har genomgått utbildning för uppdraget.',
  documentation: 'Dokumentationen granskas stickprovsvis varje månad och personalen har fått utbildning i dokumentation.',
  management_systems: 'Ledningssystemet är uppdaterat och avvikelser utreds och följs upp på ledningsgruppens möten.',
};

const SEVERITY: Record<(typeof SEEDED_OUTCOMES)[number], number> = { criticism: 2, demand_actions: 2, injunction: 3, ban: 4 };

function lawOf(form: string): 'hsl' | 'sol' | 'lss' {
  if (HEALTH_FORMS.has(form)) return 'hsl';
  if (LSS_FORMS.has(form)) return 'lss';
  return 'sol';
}

function toolSentence(tool: DecisionTool, reportBy: string | null): string {
  switch (tool) {
    case 'criticism':
      return 'IVO riktar kritik mot verksamheten och avslutar ärendet.';
    case 'demand_actions':
      return `IVO kräver att verksamheten senast ${formatLongDate(reportBy!)} redovisar vilka åtgärder den har vidtagit.`;
    case 'injunction':
      return `IVO förelägger verksamheten att rätta bristerna och redovisa sina åtgärder senast ${formatLongDate(reportBy!)}.`;
    case 'ban':
      return 'IVO förbjuder verksamheten att fortsätta.';
    default:
      return '';
  }
}

interface Candidate {
  id: string;
  unit_id: string;
  date: string;
  deficiencies: number;
  outcome: (typeof SEEDED_OUTCOMES)[number];
  unit_name: string;
  form: string;
  provider_id: string;
  provider_name: string;
  risk_areas: string[] | null;
}

/**
 * Turns a sample of the demo world's inspections into decided cases. Deterministic for a given world and
 * seed; does nothing when demo decisions exist already.
 */
export async function seedDemoDecisions(db: Db, options: SeedDemoDecisionsOptions): Promise<{ decisions: number; followedUp: number }> {
  const existing = await db.selectFrom('case_decision').select('id').where('decided_by', '=', DEMO_ACTOR).limit(1).executeTakeFirst();
  if (existing) return { decisions: 0, followedUp: 0 };
  const perTool = options.perTool ?? 75;
  const template = options.diariumTemplate ?? '{class}-{number:5}/{year}';
  const portalUrl = options.portalUrl ?? 'http://localhost:3000/provider';
  const decisionMaker = DEMO_USERS.find((u) => u.roles.includes('decision_maker'));
  const actor = { subject: DEMO_ACTOR, name: decisionMaker?.name ?? 'Demobeslutsfattare' };
  const representedNames = DEMO_USERS.flatMap((u) => u.organisations ?? []).flatMap((o) => ('name' in o ? [o.name] : []));

  // The last day of the world's data: the demo's "today" for follow-up, so the result does not depend on the clock.
  const bounds = await sql<{ until: string | null; first: string | null }>`
    SELECT least(current_date, max(received_at)::date)::text AS until, (min(received_at)::date + 182)::text AS first FROM signal
  `.execute(db);
  const until = bounds.rows[0]?.until;
  const first = bounds.rows[0]?.first;
  if (!until || !first) return { decisions: 0, followedUp: 0 };

  // Per outcome a sample ordered by a hash of the inspection id and the seed; and for each demo representative's
  // organisation its latest such inspection, so the portal has a decision to show.
  const candidates = await sql<Candidate>`
    WITH eligible AS (
      SELECT i.id, i.unit_id, i.date::text AS date, i.deficiencies, i.outcome, u.name AS unit_name, u.form, u.provider_id, p.name AS provider_name,
             row_number() OVER (PARTITION BY i.outcome ORDER BY md5(i.id || ':' || ${String(options.seed)})) AS pick,
             row_number() OVER (PARTITION BY u.provider_id ORDER BY (i.outcome IN ('demand_actions', 'injunction')) DESC, i.date DESC, i.id) AS latest
      FROM inspection i
      JOIN unit u ON u.id = i.unit_id
      JOIN provider p ON p.id = u.provider_id
      WHERE i.outcome IN ('criticism', 'demand_actions', 'injunction', 'ban')
        AND i.date >= ${first}::date AND i.date <= ${until}::date
        AND NOT EXISTS (SELECT 1 FROM case_decision x WHERE x.inspection_id = i.id)
    )
    SELECT e.id, e.unit_id, e.date, e.deficiencies, e.outcome, e.unit_name, e.form, e.provider_id, e.provider_name,
           (SELECT s.risk_areas FROM signal s
             WHERE s.unit_id = e.unit_id AND s.channel = 'inspection_finding' AND s.received_at::date = e.date::date
             ORDER BY s.id LIMIT 1) AS risk_areas
    FROM eligible e
    WHERE e.pick <= ${perTool} OR (e.latest = 1 AND e.provider_name = ANY(${representedNames}::text[]))
    ORDER BY e.date, e.id
  `.execute(db);

  let decisions = 0;
  let followedUp = 0;
  // The demo representatives' own decisions stay open, so they can report actions in the portal.
  const keepOpen = new Set(candidates.rows.filter((c) => representedNames.includes(c.provider_name)).map((c) => c.id));

  for (const c of candidates.rows) {
    const decidedAt = new Date(`${c.date}T10:00:00Z`);
    const opened = await openCase(db, { diariumTemplate: template, actor, now: decidedAt }, {
      caseType: 'own_initiative',
      title: `Tillsyn av ${c.unit_name}`.slice(0, 300),
      unitId: c.unit_id,
    });
    const law = lawOf(c.form);
    const areas = c.risk_areas?.length ? c.risk_areas : ['care_quality'];
    const count = Math.min(Math.max(c.deficiencies, 1), 3);
    const deficiencies = Array.from({ length: count }, (_, i) => {
      const area = areas[i % areas.length];
      return {
        finding: FINDINGS[area] ?? FINDINGS.care_quality,
        legalBasis: LEGAL_BASIS[law][area] ?? LEGAL_BASIS[law].default,
        riskArea: area,
        severity: Math.max(1, SEVERITY[c.outcome] - (i > 0 ? 1 : 0)),
      };
    });
    const tool = c.outcome as DecisionTool;
    const reportBy = TOOLS_WITH_REPORT.includes(tool) ? addDays(c.date, 90) : null;
    const named = [...new Set(deficiencies.map((d) => riskAreaLabel(d.riskArea).toLocaleLowerCase('sv')))].join(' och ');
    const input: DecisionInput = {
      tool,
      decidedOn: c.date,
      reportBy,
      fineAmount: tool === 'injunction' && Number.parseInt(c.id.replace(/\D/g, '') || '0', 10) % 2 === 0 ? 50_000 : null,
      summary: `IVO har granskat ${c.unit_name} vid en inspektion den ${formatLongDate(c.date)} och fann brister inom ${named}. ${toolSentence(tool, reportBy)}`,
      deficiencies,
    };
    const decided = await decideCase(db, { actor, portalUrl, now: decidedAt, renderPdf: false, existingInspectionId: c.id }, opened.id, input);
    decisions += 1;

    // Followed up as it would have been once the deadline passed: actions reported, accepted, follow-up closed.
    if (reportBy && reportBy < until && !keepOpen.has(c.id)) {
      const reported = await reportActions(db, {
        reporter: { subject: 'demo-verksamhet', name: 'Verksamhetschefen', organisations: [c.provider_id] },
        caseId: opened.id,
        decisionId: decided.decisionId,
        rows: deficiencies.map((d, i) => ({
          deficiencySeq: i + 1,
          action: ACTIONS[d.riskArea] ?? ACTIONS.default,
          owner: 'Verksamhetschef',
          doneOn: addDays(c.date, 60),
          evidence: 'Rutinen och uppföljningen finns i verksamhetens ledningssystem.',
        })),
        now: new Date(`${addDays(reportBy, -5)}T10:00:00Z`),
      });
      const officer = { subject: DEMO_ACTOR, name: 'Demoinspektör' };
      const assessedAt = new Date(`${addDays(reportBy, 10)}T10:00:00Z`);
      for (const reportId of reported.reportIds) {
        await assessAction(db, { officer, caseId: opened.id, decisionId: decided.decisionId, reportId, assessment: 'accepted', note: '', now: assessedAt });
      }
      await closeFollowUp(db, { officer, caseId: opened.id, decisionId: decided.decisionId, reason: '', now: new Date(`${addDays(reportBy, 14)}T10:00:00Z`) });
      followedUp += 1;
    }
  }
  return { decisions, followedUp };
}
