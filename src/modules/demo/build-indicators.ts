// External indicators: patient survey and waiting times for vårdcentraler (quarterly), user satisfaction for
// SÄBO and home care (yearly), staff turnover for a subset of social care units (quarterly). Values are drawn
// as counts out of a denominator, so small units are noisier; frail and deteriorating units do worse.
import type { UnitForm } from '../registry/codes.ts';
import { dayOf } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import type { DeteriorationModel } from './build-truth.ts';
import { Random } from './random.ts';
import type { Indicator, IndicatorDirection } from './world-types.ts';

interface Period {
  label: string;
  endDay: number;
}

/** Staff per size unit (places, clients), for the turnover denominator. */
const STAFF_PER_SIZE: Partial<Record<UnitForm, number>> = {
  hvb: 1.5, stodboende: 0.4, sabo: 0.8, hemtjanst: 0.5, personlig_assistans: 1.5, lss_bostad: 1.6, lss_daglig: 0.3, missbruk: 0.8, other: 0.5,
};
/** Share of social care units reporting staff turnover (HVB more often), keeping the file to ~110,000 rows at 40,000 units. */
const TURNOVER_REPORTING: Partial<Record<UnitForm, number>> = { hvb: 0.3, stodboende: 0.25 };
const TURNOVER_REPORTING_DEFAULT = 0.07;

const logit = (p: number) => Math.log(p / (1 - p));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function quarters(firstDay: number, untilDay: number): Period[] {
  const periods: Period[] = [];
  for (let year = 2022; ; year++) {
    for (let q = 1; q <= 4; q++) {
      const endDay = dayOf(year, q * 3 + 1, 1) - 1; // Date.UTC rolls month 13 over to January
      if (endDay > untilDay) return periods;
      if (endDay >= firstDay) periods.push({ label: `${year}-Q${q}`, endDay });
    }
  }
}

function years(firstDay: number, untilDay: number): Period[] {
  const periods: Period[] = [];
  for (let year = 2022; dayOf(year, 12, 31) <= untilDay; year++) {
    if (dayOf(year, 12, 31) >= firstDay) periods.push({ label: String(year), endDay: dayOf(year, 12, 31) });
  }
  return periods;
}

export function buildIndicators(seed: number, units: UnitModel[], deteriorating: Map<number, DeteriorationModel>, untilDay: number): Indicator[] {
  const random = new Random(seed, 'indicators');
  const rows: Indicator[] = [];
  const historyStart = dayOf(2022, 1, 1);

  units.forEach((model, index) => {
    const form = model.profile.form;
    const deterioration = deteriorating.get(index);
    // Reported for periods the unit was open through.
    const firstDay = Math.max(historyStart, model.openedDay + 90);
    const lastDay = Math.min(untilDay, (model.closedDay ?? untilDay + 1) - 1);
    if (firstDay > lastDay) return;
    /** How far into the deterioration a period ends (0 before `from`, rising to 1 within half a year). */
    const worsening = (period: Period) =>
      deterioration && period.endDay > deterioration.fromDay ? Math.min(1, (period.endDay - deterioration.fromDay) / 180) : 0;
    const frailtyEffect = Math.log(model.frailty);

    const proportion = (indicator: string, period: Period, baseline: number, unitEffect: number, frailtyWeight: number, worseningWeight: number, n: number, direction: IndicatorDirection) => {
      const p = logistic(logit(baseline) + unitEffect - frailtyWeight * frailtyEffect - worseningWeight * worsening(period) + random.normal(0, 0.1));
      const denominator = Math.max(5, Math.round(n));
      rows.push({ unitId: model.unit.id, indicator, period: period.label, value: round3(random.binomial(denominator, p) / denominator), denominator, direction });
    };

    if (form === 'vardcentral') {
      const surveyEffect = random.normal(0, 0.35);
      const waitingEffect = random.normal(0, 0.4);
      const respondents = random.int(60, 350);
      const referrals = model.unit.size * random.uniform(0.01, 0.03);
      for (const period of quarters(firstDay, lastDay)) {
        proportion('patient_survey_overall', period, 0.82, surveyEffect, 0.5, 0.9, respondents * random.uniform(0.85, 1.15), 'higher_better');
        proportion('waiting_time_90d', period, 0.88, waitingEffect, 0.4, 1.1, referrals * random.uniform(0.85, 1.15), 'higher_better');
      }
    }

    if (form === 'sabo' || form === 'hemtjanst') {
      const effect = random.normal(0, 0.3);
      for (const period of years(firstDay, lastDay)) {
        proportion('user_survey_satisfaction', period, form === 'sabo' ? 0.83 : 0.88, effect, 0.4, 0.9, model.unit.size * random.uniform(0.4, 0.7), 'higher_better');
      }
    }

    // Staff turnover: always reported by deteriorating social care units, so their decline is visible.
    const reportsTurnover = model.profile.sector === 'social' &&
      (deterioration !== undefined || random.chance(TURNOVER_REPORTING[form] ?? TURNOVER_REPORTING_DEFAULT));
    if (reportsTurnover) {
      const staff = Math.max(3, Math.round(model.unit.size * (STAFF_PER_SIZE[form] ?? 0.5)));
      const baseRate = 0.06 * Math.exp(random.normal(0, 0.3)) * model.frailty ** 0.4;
      for (const period of quarters(firstDay, lastDay)) {
        const rate = Math.min(0.9, baseRate * (1 + 1.2 * worsening(period)) * Math.exp(random.normal(0, 0.15)));
        rows.push({ unitId: model.unit.id, indicator: 'staff_turnover', period: period.label, value: round3(random.binomial(staff, rate) / staff), denominator: staff, direction: 'lower_better' });
      }
    }
  });
  return rows;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
