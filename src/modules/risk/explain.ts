// Plain Swedish sentences for each contribution to a unit's score. A public authority must be able to say
// why it looks at a unit; these are the words it says.
import { CHANNEL_RULES, METHOD } from './method.ts';
import type { SignalChannel } from '../registry/codes.ts';
import { formatLongDate, formatMonthYear } from '../../platform/dates.ts';

const number1 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const number2 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** 2.14 → "2,1"; whole numbers from 10 without decimals, small ones with two ("0,04"). */
export function decimal(x: number): string {
  if (Math.abs(x) >= 10) return integer.format(x);
  return Math.abs(x) < 0.1 && x !== 0 ? number2.format(x) : number1.format(x);
}

export function percent(p: number): string {
  return `${integer.format(p * 100)} %`;
}

/** Two shares compared: whole percent, or one decimal when whole percent would show them equal (94,4 % mot 93,8 %). */
function percentPair(a: number, b: number): [string, string] {
  if (Math.round(a * 100) !== Math.round(b * 100)) return [percent(a), percent(b)];
  const one = (p: number) => `${number1.format(p * 100)} %`;
  return [one(a), one(b)];
}

/** "för ett HVB av den storleken": the peers a unit is compared with. */
const FORM_PHRASE: Record<string, string> = {
  vardcentral: 'en vårdcentral',
  sjukhus: 'ett sjukhus',
  tandvard: 'en tandvårdsmottagning',
  apotek: 'ett apotek',
  estetisk: 'en estetisk klinik',
  psykiatri: 'en psykiatrisk verksamhet',
  hvb: 'ett HVB',
  stodboende: 'ett stödboende',
  sabo: 'ett särskilt boende för äldre',
  hemtjanst: 'en hemtjänstverksamhet',
  personlig_assistans: 'en assistansverksamhet',
  lss_bostad: 'en LSS-bostad',
  lss_daglig: 'en daglig verksamhet enligt LSS',
  missbruk: 'ett behandlingshem för missbruk',
};

export function peersPhrase(form: string): string {
  const noun = FORM_PHRASE[form];
  return noun ? `för ${noun} av den storleken` : 'för jämförbara verksamheter av den storleken';
}

function channelLabel(channel: string, count: number): string {
  const rule = CHANNEL_RULES[channel as SignalChannel];
  if (!rule) return count === 1 ? 'signal' : 'signaler';
  return count === 1 ? rule.label[0] : rule.label[1];
}

/** "12 signaler (8 tips, 3 klagomål, 1 polisanmälan)" or "12 tips" when one channel. */
export function signalBreakdown(total: number, byChannel: Record<string, number> | null): string {
  const parts = Object.entries(byChannel ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (parts.length === 1 && parts[0][1] === total) return `${total} ${channelLabel(parts[0][0], total)}`;
  const noun = total === 1 ? 'signal' : 'signaler';
  if (parts.length === 0) return `${total} ${noun}`;
  // Every channel named: a remainder called "övriga" read as the channel of that name and hid police reports.
  const shown = parts.map(([channel, n]) => `${n} ${channelLabel(channel, n)}`);
  return `${total} ${noun} (${shown.join(', ')})`;
}

export const INDICATOR_LABELS: Record<string, string> = {
  patient_survey_overall: 'Nationella patientenkäten (helhetsintryck)',
  waiting_time_90d: 'Andel som fått vård inom 90 dagar',
  user_survey_satisfaction: 'Brukarundersökningen (andel nöjda)',
  staff_turnover: 'Personalomsättningen',
};

export function indicatorLabel(code: string): string {
  return INDICATOR_LABELS[code] ?? `Indikatorn ${code}`;
}

export const OUTCOME_LABELS: Record<string, string> = {
  no_remarks: 'inga anmärkningar',
  criticism: 'kritik',
  demand_actions: 'krav på redovisning av åtgärder',
  injunction: 'föreläggande',
  ban: 'förbud',
  revocation: 'återkallelse av tillstånd',
};

/** What a hard trigger does, said plainly: the score it cannot fall below. */
const TRIGGER_FLOOR_TEXT = `riskpoängen blir minst ${new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2 }).format(METHOD.triggerScoreFloor)}, oavsett vad övriga underlag visar.`;

export const sentences = {
  change(p: { since: string; observed: number; serious: number; expected: number; alarm: boolean; ownHistory?: boolean }): string {
    const serious = p.serious > 0 ? ` (varav ${p.serious} ${p.serious === 1 ? 'allvarlig' : 'allvarliga'})` : '';
    const alarm = p.alarm ? ' (CUSUM-larm)' : '';
    const since = formatMonthYear(p.since.slice(0, 7));
    // Without history of its own before the start, the expectation is the peers': more than they, not a rise.
    if (p.ownHistory === false) {
      const counted = p.observed === 1 ? `1 ${p.serious > 0 ? 'allvarlig ' : ''}signal` : `${p.observed} signaler${serious}`;
      return `${counted} sedan ${since} mot ${decimal(p.expected)} väntade för liknande verksamheter av samma form och storlek${alarm}.`;
    }
    // One signal is not yet a rise: say what came, not a trend.
    if (p.observed === 1) return `1 ${p.serious > 0 ? 'allvarlig ' : ''}signal sedan ${since} mot ${decimal(p.expected)} väntade utifrån verksamhetens egen historik${alarm}.`;
    return `Signalerna ökar sedan ${since}: ${p.observed} sedan dess${serious} mot ${decimal(p.expected)} väntade utifrån verksamhetens egen historik${alarm}.`;
  },
  /** A CUSUM alarm without a rise against the unit's own history to name (its history is itself high). */
  cusumAlarm(): string {
    return 'Signalerna har under flera veckor varit fler än väntat för verksamheten (CUSUM-larm).';
  },
  signalsVsPeers(p: { observed: number; byChannel: Record<string, number> | null; expected: number; form: string }): string {
    return `${signalBreakdown(p.observed, p.byChannel)} de senaste 26 veckorna mot ${decimal(p.expected)} väntade ${peersPhrase(p.form)}.`;
  },
  seriousVsPeers(p: { observed: number; recent: number; expected: number; form: string }): string {
    const recent = p.recent > 0 ? `, ${p.recent} av dem de senaste 3 månaderna` : '';
    const noun = p.observed === 1 ? 'allvarlig signal' : 'allvarliga signaler';
    return `${p.observed} ${noun} (allvarlighetsgrad 3–4) det senaste året mot ${decimal(p.expected)} väntade ${peersPhrase(p.form)}${recent}.`;
  },
  /** `recent` is the last year's level as the trend weighs it (later periods more), not only the latest period,
   * which may be better than the year it ends. */
  indicatorTrend(p: { indicator: string; recent: number; baseline: number; lowerBetter: boolean; nation?: { recent: number; baseline: number } }): string {
    const [recent, baseline] = percentPair(p.recent, p.baseline);
    // Measured against the nation's change, a unit can stand still (or improve) while the nation improves more:
    // then it has not "got worse", it has done worse than the nation.
    const ownDecline = p.lowerBetter ? p.recent > p.baseline : p.recent < p.baseline;
    const verb = p.nation && !ownDecline ? 'har utvecklats sämre än i riket' : p.lowerBetter ? 'har ökat' : 'har försämrats';
    // The nation's levels over the same periods: the trend is measured against them.
    const nation = p.nation ? ` (riket: ${percentPair(p.nation.recent, p.nation.baseline).join(' mot ')})` : '';
    return `${indicatorLabel(p.indicator)} ${verb}: ${recent} det senaste året mot ${baseline} tidigare${nation}.`;
  },
  indicatorLevel(p: { indicator: string; value: number; national: number }): string {
    const [value, national] = percentPair(p.value, p.national);
    return `${indicatorLabel(p.indicator)}: ${value} mot ${national} i riket.`;
  },
  inspectionFindings(p: { date: string; deficiencies: number; outcome: string; others: number }): string {
    const found = p.deficiencies === 0 ? 'inga brister' : p.deficiencies === 1 ? '1 brist' : `${p.deficiencies} brister`;
    const others = p.others > 0 ? ` Ytterligare ${p.others} ${p.others === 1 ? 'inspektion' : 'inspektioner'} med brister de senaste tre åren.` : '';
    return `Inspektionen ${formatLongDate(p.date)} fann ${found} (${OUTCOME_LABELS[p.outcome] ?? p.outcome}).${others}`;
  },
  inspectionOverdue(p: { years: number; last: string | null; since: string }): string {
    return p.last
      ? `Ingen inspektion på ${decimal(p.years)} år (senast ${formatLongDate(p.last)}).`
      : `Ingen inspektion registrerad sedan ${formatMonthYear(p.since.slice(0, 7))} (${decimal(p.years)} år).`;
  },
  permitStatus(p: { status: string; from: string }): string {
    switch (p.status) {
      case 'banned':
        return `IVO har förbjudit verksamheten (sedan ${formatLongDate(p.from)}), men den finns kvar i registret.`;
      case 'revoked':
        return `Tillståndet återkallades ${formatLongDate(p.from)}, men verksamheten finns kvar i registret.`;
      case 'inhibition':
        return `Domstolen har inhiberat IVO:s beslut om förbud eller återkallelse (sedan ${formatLongDate(p.from)}): verksamheten fortsätter i väntan på dom.`;
      default:
        return `IVO:s beslut om förbud eller återkallelse är överklagat (sedan ${formatLongDate(p.from)}).`;
    }
  },
  permitHistory(p: { count: number; last: string }): string {
    return p.count === 1
      ? `Ett tidigare allvarligt tillståndsbeslut (${formatLongDate(p.last)}).`
      : `${p.count} tidigare allvarliga tillståndsbeslut, senast ${formatLongDate(p.last)}.`;
  },
  acuteSignals(p: { count: number; last: string | null }): string {
    const last = p.last ? `, senast ${formatLongDate(p.last)}` : '';
    return p.count === 1 ? `En akut signal de senaste 90 dagarna${last}.` : `${p.count} akuta signaler de senaste 90 dagarna${last}.`;
  },
  acuteTrigger(p: { last: string }): string {
    return `Akut signal ${formatLongDate(p.last)}: ${TRIGGER_FLOOR_TEXT}`;
  },
  permitTrigger(p: { status: string; from: string }): string {
    return `${sentences.permitStatus(p)} ${TRIGGER_FLOOR_TEXT[0].toUpperCase()}${TRIGGER_FLOOR_TEXT.slice(1)}`;
  },
  reportingCulture(p: { observed: number; byChannel: Record<string, number> | null; expected: number }): string {
    return `${signalBreakdown(p.observed, p.byChannel)} det senaste året mot ${decimal(p.expected)} väntade: verksamheten anmäler själv, vilket tyder på fungerande avvikelsehantering och inte räknas som en risk.`;
  },
  quiet(): string {
    return 'Inget avviker från det väntade för en verksamhet av den här formen och storleken.';
  },
};
