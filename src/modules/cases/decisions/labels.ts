// The words of decisions and follow-up: the decision tools as the inspectorate names them, what each asks of
// the provider, and how each is written into the register-level inspection table the risk analysis reads.
import { DECISION_TOOLS, type DecisionTool } from '../../../platform/db/schema.ts';
import { RISK_AREAS, UNIT_FORMS } from '../../registry/codes.ts';

export { DECISION_TOOLS, type DecisionTool };

export const TOOL_LABELS: Record<DecisionTool, string> = {
  closure: 'Avslut utan kritik',
  criticism: 'Kritik',
  demand_actions: 'Krav på redovisning av åtgärder',
  injunction: 'Föreläggande',
  ban: 'Förbud',
  revocation: 'Återkallelse av tillstånd',
  police_report: 'Polis- eller åtalsanmälan',
};

/** One plain sentence per tool: what it means for the provider (shown on forms and public pages). */
export const TOOL_EXPLANATIONS: Record<DecisionTool, string> = {
  closure: 'IVO avslutar ärendet utan att rikta kritik mot verksamheten.',
  criticism: 'IVO har funnit brister och riktar kritik mot verksamheten. Verksamheten ska själv rätta bristerna.',
  demand_actions: 'Verksamheten ska rätta bristerna och redovisa till IVO vilka åtgärder den har vidtagit, senast ett visst datum.',
  injunction: 'Verksamheten åläggs att rätta bristerna senast ett visst datum, i vissa fall med vite (ett belopp som ska betalas om föreläggandet inte följs).',
  ban: 'Verksamheten får inte fortsätta, helt eller delvis.',
  revocation: 'Verksamhetens tillstånd återkallas. Verksamheten får inte längre bedrivas.',
  police_report: 'IVO har anmält misstänkt brott till Polisen eller Åklagarmyndigheten.',
};

/** Tools that ask the provider to report actions by a deadline: the decision is followed up. */
export const TOOLS_WITH_REPORT: readonly DecisionTool[] = ['demand_actions', 'injunction'];

/**
 * The register-level inspection table has its own outcome vocabulary (no_remarks … revocation), ordered by
 * what the inspectorate requires of the provider; the risk analysis gives each outcome its points. A police
 * or prosecution report requires nothing of the provider itself (it asks the police or a prosecutor to
 * investigate people), so its nearest outcome is criticism: deficiencies were found and stated. The deficiency
 * count still weighs in the risk score, and the row's `extra.tool` keeps the exact tool.
 */
export const INSPECTION_OUTCOME_OF_TOOL: Record<DecisionTool, 'no_remarks' | 'criticism' | 'demand_actions' | 'injunction' | 'ban' | 'revocation'> = {
  closure: 'no_remarks',
  criticism: 'criticism',
  demand_actions: 'demand_actions',
  injunction: 'injunction',
  ban: 'ban',
  revocation: 'revocation',
  police_report: 'criticism',
};

export const FOLLOW_UP_LABELS: Record<string, string> = {
  none: 'Ingen uppföljning',
  awaiting_report: 'Väntar på redovisning',
  assessing: 'Redovisning inkommen, bedöms',
  closed: 'Uppföljningen avslutad',
};

export const ASSESSMENT_LABELS: Record<string, string> = {
  pending: 'Inte bedömd ännu',
  accepted: 'Godtagen',
  insufficient: 'Inte tillräcklig',
};

export const SEVERITY_LABELS: Record<number, string> = {
  1: '1 – mindre allvarlig',
  2: '2 – allvarlig',
  3: '3 – mycket allvarlig',
  4: '4 – synnerligen allvarlig',
};

export const riskAreaLabel = (code: string) => (RISK_AREAS as Record<string, string>)[code] ?? code;
export const formLabel = (code: string) => (UNIT_FORMS as Record<string, string>)[code] ?? code;
export const toolLabel = (tool: string) => (TOOL_LABELS as Record<string, string>)[tool] ?? tool;

export function isDecisionTool(value: unknown): value is DecisionTool {
  return typeof value === 'string' && (DECISION_TOOLS as readonly string[]).includes(value);
}

// Intl writes a minus sign (U+2212) and narrow no-break spaces in sv-SE; plain ones copy better.
const plain = (text: string) => text.replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');
export const formatInteger = (x: number) => plain(new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(x));
/** A number with a fixed number of decimals, Swedish style ("0,25", "-1,50"). */
export const formatDecimal = (x: number, decimals = 2) =>
  plain(new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x));
/** A difference with its sign: "+0,25", "-1,50", "0,00". */
export const formatSigned = (x: number, decimals = 2) => {
  const text = formatDecimal(x, decimals);
  return x > 0 && !/^0[,.]0*$/.test(text) ? `+${text}` : text;
};
/** A rate of signals per week: two decimals from 1 up, else two significant digits ("0,46", "0,025", "0,0018"). */
export const formatRate = (x: number) => {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1) return formatDecimal(x, 2);
  return plain(new Intl.NumberFormat('sv-SE', { maximumSignificantDigits: 2 }).format(x));
};
/** A difference of rates with its sign: "+0,025", "-0,46". */
export const formatSignedRate = (x: number) => (x > 0 ? `+${formatRate(x)}` : formatRate(x));
export const formatPercent = (share: number) => `${formatInteger(Math.round(share * 100))} %`;
/** "12 500 kronor". */
export const formatKronor = (amount: number) => `${formatInteger(amount)} kronor`;

