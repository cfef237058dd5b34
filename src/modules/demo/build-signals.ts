// Signals: per unit a Poisson process whose rate is proportional to the unit's size (exposure), times a
// per-form intensity and the unit's frailty, shaped by the calendar (season, holidays, growth of tips).
// Deteriorating units get 3–6× the rate from their `from` date, more tips/complaints and more severe ones.
import type { RiskArea, SignalChannel } from '../registry/codes.ts';
import { SignalCalendar, type GrowthComponent } from './calendar.ts';
import { formatDay, nextWorkingDay, weekdayOf, yearOf } from './dates.ts';
import { POISSON_SIGNAL_SHARE, SIGNALS_PER_UNIT_YEAR, type UnitProfile } from './form-profiles.ts';
import type { UnitModel } from './build-register.ts';
import type { DeteriorationModel } from './build-truth.ts';
import { Random } from './random.ts';
import { loadTestPersonnummer } from './reference-files.ts';
import { makeSignalText, makeUnexecutedDecisionText } from './signal-texts.ts';
import type { Signal, Urgency } from './world-types.ts';

const DAYS_PER_YEAR = 365.25;

/** Severity 1–4 probabilities per channel. */
const SEVERITY: Record<SignalChannel, [number, number, number, number]> = {
  tip: [0.4, 0.42, 0.15, 0.03],
  child_line: [0.3, 0.4, 0.22, 0.08],
  inquiry: [0.7, 0.25, 0.05, 0],
  complaint: [0.3, 0.45, 0.2, 0.05],
  lex_maria: [0.1, 0.4, 0.35, 0.15],
  lex_sarah: [0.15, 0.45, 0.32, 0.08],
  unexecuted_decision: [0.5, 0.5, 0, 0],
  work_environment: [0.3, 0.45, 0.2, 0.05],
  police: [0.1, 0.35, 0.4, 0.15],
  media: [0.25, 0.45, 0.25, 0.05],
  inspection_finding: [0.3, 0.4, 0.25, 0.05],
  other: [0.5, 0.35, 0.13, 0.02],
};

/** Days between the event and the signal reaching the inspectorate, and how often the event date is known. */
const DELAY: Record<SignalChannel, { min: number; max: number; known: number }> = {
  tip: { min: 0, max: 60, known: 0.7 },
  child_line: { min: 0, max: 10, known: 0.5 },
  inquiry: { min: 0, max: 30, known: 0.3 },
  complaint: { min: 7, max: 300, known: 1 },
  lex_maria: { min: 20, max: 150, known: 1 },
  lex_sarah: { min: 10, max: 90, known: 1 },
  unexecuted_decision: { min: 0, max: 0, known: 1 },
  work_environment: { min: 0, max: 60, known: 0.8 },
  police: { min: 0, max: 20, known: 1 },
  media: { min: 0, max: 30, known: 0.6 },
  inspection_finding: { min: 0, max: 0, known: 1 },
  other: { min: 0, max: 90, known: 0.5 },
};

/** Reports from organisations arrive on working days. */
const INSTITUTIONAL = new Set<SignalChannel>(['lex_maria', 'lex_sarah', 'work_environment', 'police', 'unexecuted_decision']);

/** Risk areas some channels speak about whatever the form. */
const CHANNEL_RISK_AREAS: Partial<Record<SignalChannel, Partial<Record<RiskArea, number>>>> = {
  work_environment: { staffing_competence: 60, environment_premises: 30, safety_abuse: 10 },
  police: { safety_abuse: 60, dishonest_operator: 30, medication: 10 },
  child_line: { safety_abuse: 40, dignity_respect: 30, care_quality: 20, staffing_competence: 10 },
  unexecuted_decision: { access_waiting: 100 },
};

/** When a unit deteriorates, the public and staff speak up more than the routine channels. */
const DETERIORATION_CHANNEL_BOOST: Partial<Record<SignalChannel, number>> = {
  tip: 1.6, complaint: 1.5, child_line: 1.6, lex_maria: 1.2, lex_sarah: 1.3, police: 1.3, media: 1.5,
  work_environment: 1.4, inquiry: 0.8, unexecuted_decision: 0.5, other: 0.8,
};

interface ChannelTable {
  /** Shares of the three growth components (sum 1). */
  componentShares: Record<GrowthComponent, number>;
  flatChannels: SignalChannel[];
  flatWeights: number[];
}

const channelTables = new Map<string, ChannelTable>();

function channelTable(profile: UnitProfile, isKommunRun: boolean, deteriorated: boolean): ChannelTable {
  const key = `${profile.form}/${profile.variant}|${isKommunRun}|${deteriorated}`;
  let table = channelTables.get(key);
  if (table) return table;
  const mix: Partial<Record<SignalChannel, number>> = {};
  for (const [channel, weight] of Object.entries(profile.channelMix) as [SignalChannel, number][]) {
    // Unexecuted decisions are reported by kommuner about their own decisions.
    if (channel === 'unexecuted_decision' && !isKommunRun) continue;
    mix[channel] = weight * (deteriorated ? DETERIORATION_CHANNEL_BOOST[channel] ?? 1 : 1);
  }
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  const flatChannels = (Object.keys(mix) as SignalChannel[]).filter((c) => c !== 'tip' && c !== 'child_line');
  const flatWeights = flatChannels.map((c) => mix[c]!);
  table = {
    componentShares: {
      flat: flatWeights.reduce((a, b) => a + b, 0) / total,
      tip: (mix.tip ?? 0) / total,
      childLine: (mix.child_line ?? 0) / total,
    },
    flatChannels,
    flatWeights,
  };
  channelTables.set(key, table);
  return table;
}

/** Active days of a unit inside the signal history, or null. */
export function activePeriod(model: UnitModel, calendar: SignalCalendar): [number, number] | null {
  const first = Math.max(calendar.firstDay, model.openedDay);
  const last = Math.min(calendar.lastDay, model.closedDay === null ? calendar.lastDay : model.closedDay - 1);
  return first <= last ? [first, last] : null;
}

function expectedWeight(table: ChannelTable, calendar: SignalCalendar, from: number, to: number): number {
  const s = table.componentShares;
  return (
    s.flat * calendar.weight('flat', from, to) +
    s.tip * calendar.weight('tip', from, to) +
    s.childLine * calendar.weight('childLine', from, to)
  );
}

/**
 * Signals per year per unit in its normal state, scaled so the whole world expects SIGNALS_PER_UNIT_YEAR
 * (less the share inspection findings add later).
 */
export function computeSignalRates(units: UnitModel[], calendar: SignalCalendar): Float64Array {
  const meanSize = new Map<UnitProfile, { sum: number; count: number }>();
  for (const model of units) {
    const entry = meanSize.get(model.profile) ?? { sum: 0, count: 0 };
    entry.sum += model.unit.size;
    entry.count++;
    meanSize.set(model.profile, entry);
  }
  const relative = new Float64Array(units.length);
  let expected = 0;
  units.forEach((model, i) => {
    const mean = meanSize.get(model.profile)!;
    relative[i] = (model.profile.signalIntensity * model.unit.size * model.frailty) / (mean.sum / mean.count);
    const period = activePeriod(model, calendar);
    if (!period) return;
    const table = channelTable(model.profile, model.isKommunRun, false);
    expected += (relative[i] * expectedWeight(table, calendar, period[0], period[1])) / DAYS_PER_YEAR;
  });
  const historyYears = (calendar.lastDay - calendar.firstDay + 1) / DAYS_PER_YEAR;
  const target = SIGNALS_PER_UNIT_YEAR * POISSON_SIGNAL_SHARE * units.length * historyYears;
  const scale = expected > 0 ? target / expected : 0;
  return relative.map((r) => r * scale);
}

export interface SignalDraft {
  signal: Signal;
  unitIndex: number;
  receivedDay: number;
}

export class SignalFactory {
  private readonly random: Random;
  private readonly personnummerByYear = new Map<number, string[]>();
  private readonly allPersonnummer: string[];

  constructor(seed: number, private readonly calendar: SignalCalendar) {
    this.random = new Random(seed, 'signals');
    this.allPersonnummer = loadTestPersonnummer();
    for (const pnr of this.allPersonnummer) {
      const year = Number(pnr.slice(0, 4));
      const list = this.personnummerByYear.get(year) ?? [];
      list.push(pnr);
      this.personnummerByYear.set(year, list);
    }
  }

  /** All Poisson signals of one unit, at the deteriorated rate from `from` on. */
  generateForUnit(model: UnitModel, unitIndex: number, annualRate: number, deterioration: DeteriorationModel | undefined): SignalDraft[] {
    const period = activePeriod(model, this.calendar);
    if (!period || annualRate <= 0) return [];
    const [first, last] = period;
    const drafts: SignalDraft[] = [];
    const fromDay = deterioration?.fromDay;
    if (fromDay === undefined || fromDay > last) {
      this.generateSegment(drafts, model, unitIndex, annualRate, first, last, undefined);
      return drafts;
    }
    if (fromDay > first) this.generateSegment(drafts, model, unitIndex, annualRate, first, fromDay - 1, undefined);
    this.generateSegment(drafts, model, unitIndex, annualRate * deterioration!.multiplier, Math.max(first, fromDay), last, deterioration);
    return drafts;
  }

  /**
   * The planted truth must be visible in the data, whatever the dice said: after `from` a deteriorating unit
   * has at least three signals, more signals than in the whole time before, and at least twice the daily
   * rate. Returns the extra signals needed (all of the deteriorated kind). `unitSignals` are all the unit's
   * signals so far, inspection findings included.
   */
  ensureVisibleRise(model: UnitModel, unitIndex: number, deterioration: DeteriorationModel, unitSignals: SignalDraft[]): SignalDraft[] {
    const period = activePeriod(model, this.calendar);
    if (!period || deterioration.fromDay > period[1]) return [];
    const [first, last] = period;
    const fromDay = deterioration.fromDay;
    const postStart = Math.max(first, fromDay);
    let before = 0;
    let after = 0;
    for (const draft of unitSignals) draft.receivedDay < fromDay ? before++ : after++;
    const preDays = Math.max(1, fromDay - first);
    const postDays = last - postStart + 1;
    const extra: SignalDraft[] = [];
    while (after < 3 || after <= before || after / postDays <= (2 * before) / preDays) {
      const draft = this.makeSignal(model, unitIndex, this.pickChannelAndDay(model, postStart, last, true), deterioration);
      if (draft.receivedDay > this.calendar.lastDay || draft.receivedDay < fromDay) continue;
      extra.push(draft);
      after++;
    }
    return extra;
  }

  private generateSegment(
    drafts: SignalDraft[], model: UnitModel, unitIndex: number, annualRate: number, from: number, to: number,
    deterioration: DeteriorationModel | undefined,
  ): void {
    const table = channelTable(model.profile, model.isKommunRun, deterioration !== undefined);
    const expected = (annualRate * expectedWeight(table, this.calendar, from, to)) / DAYS_PER_YEAR;
    const count = this.random.poisson(expected);
    for (let k = 0; k < count; k++) {
      const draft = this.makeSignal(model, unitIndex, this.pickChannelAndDay(model, from, to, deterioration !== undefined), deterioration);
      if (draft.receivedDay <= this.calendar.lastDay) drafts.push(draft);
    }
  }

  private pickChannelAndDay(model: UnitModel, from: number, to: number, deteriorated: boolean): { channel: SignalChannel; day: number } {
    const table = channelTable(model.profile, model.isKommunRun, deteriorated);
    const s = table.componentShares;
    const components: GrowthComponent[] = ['flat', 'tip', 'childLine'];
    const weights = components.map((c) => s[c] * this.calendar.weight(c, from, to));
    const component = components[this.random.weightedIndex(weights)];
    const day = this.calendar.sampleDay(this.random, component, from, to);
    const channel: SignalChannel = component === 'tip' ? 'tip' : component === 'childLine' ? 'child_line'
      : table.flatChannels[this.random.weightedIndex(table.flatWeights)];
    return { channel, day };
  }

  private makeSignal(
    model: UnitModel, unitIndex: number, picked: { channel: SignalChannel; day: number },
    deterioration: DeteriorationModel | undefined,
  ): SignalDraft {
    const random = this.random;
    const { channel } = picked;
    let receivedDay = picked.day;
    let occurredDay: number | undefined;
    let text: string;

    let severity = (random.weightedIndex(SEVERITY[channel]) + 1) as 1 | 2 | 3 | 4;
    if (deterioration && severity < 4 && random.chance(0.45)) severity = (severity + 1) as 2 | 3 | 4;
    const riskAreas = this.pickRiskAreas(model.profile, channel, deterioration);

    if (channel === 'unexecuted_decision') {
      // Kommuner report quarterly: the report arrives in the month after the quarter ends.
      const date = new Date(receivedDay * 86_400_000);
      const year = date.getUTCFullYear();
      const quarter = Math.floor(date.getUTCMonth() / 3) + 1;
      const quarterStart = Date.UTC(year, (quarter - 1) * 3, 1) / 86_400_000;
      const nextQuarterStart = Date.UTC(year, quarter * 3, 1) / 86_400_000;
      receivedDay = nextWorkingDay(nextQuarterStart + random.int(5, 35));
      occurredDay = Math.max(model.openedDay, quarterStart - random.int(92, 270));
      text = makeUnexecutedDecisionText(random, model.profile.form, `kvartal ${quarter} ${year}`, formatDay(occurredDay));
    } else {
      const delay = DELAY[channel];
      if (random.chance(delay.known)) {
        // A few complaints concern events more than two years back (special reasons needed, PSL 7:11).
        const days = channel === 'complaint' && random.chance(0.03) ? random.int(740, 1200) : random.int(delay.min, delay.max);
        occurredDay = Math.max(model.openedDay, receivedDay - days);
      }
      if (INSTITUTIONAL.has(channel)) {
        receivedDay = nextWorkingDay(receivedDay);
        if (receivedDay > this.calendar.lastDay) receivedDay -= weekdayOf(receivedDay) === 1 ? 3 : 0;
      }
      text = makeSignalText(random, { channel, form: model.profile.form, sector: model.profile.sector, people: model.people, riskAreas, severity });
    }
    if (occurredDay !== undefined && occurredDay > receivedDay) occurredDay = receivedDay;

    const signal: Signal = {
      id: '',
      unitId: model.unit.id,
      channel,
      receivedAt: formatDay(receivedDay),
      occurredAt: occurredDay === undefined ? undefined : formatDay(occurredDay),
      severity,
      urgency: this.pickUrgency(channel, severity, riskAreas),
      text,
      riskAreas,
      personnummer: channel === 'complaint' ? this.pickPersonnummer(model, occurredDay ?? receivedDay) : undefined,
    };
    return { signal, unitIndex, receivedDay };
  }

  private pickRiskAreas(profile: UnitProfile, channel: SignalChannel, deterioration: DeteriorationModel | undefined): RiskArea[] {
    const table = CHANNEL_RISK_AREAS[channel] ?? profile.riskAreas;
    const first = deterioration && this.random.chance(0.7) ? this.random.pick(deterioration.riskAreas) : this.random.weightedKey(table);
    if (channel === 'unexecuted_decision' || this.random.chance(0.65)) return [first];
    const rest = { ...profile.riskAreas };
    delete rest[first];
    return [first, this.random.weightedKey(rest)];
  }

  private pickUrgency(channel: SignalChannel, severity: number, riskAreas: RiskArea[]): Urgency {
    const childAtRisk = channel === 'child_line' && riskAreas.includes('safety_abuse') ? 2 : 1;
    const [acute, high] = severity === 4 ? [0.3, 0.5] : severity === 3 ? [0.06, 0.35] : severity === 2 ? [0.005, 0.08] : [0, 0.02];
    const draw = this.random.next();
    return draw < acute * childAtRisk ? 'acute' : draw < acute * childAtRisk + high ? 'high' : 'normal';
  }

  /** A test personnummer of someone the unit could plausibly serve at the time (by birth year). */
  private pickPersonnummer(model: UnitModel, day: number): string {
    const year = yearOf(day);
    const { ageMin, ageMax } = model.people;
    for (let attempt = 0; attempt < 4; attempt++) {
      const candidates = this.personnummerByYear.get(year - this.random.int(ageMin, ageMax));
      if (candidates && candidates.length > 0) return this.random.pick(candidates);
    }
    return this.random.pick(this.allPersonnummer);
  }
}

