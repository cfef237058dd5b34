import { sql } from 'kysely';
import { recomputeNationalRisk, recomputeStoredScores } from '../../src/modules/risk/index.ts';
import type { Insertable } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import type { IndicatorValueTable, SignalTable } from '../../src/platform/db/schema.ts';
import { buildUnit } from '../support/factories.ts';

// A small world for selection projects: twelve vårdcentraler, six in Stockholms län (avdelning Stockholm) and
// six in Skåne län (avdelning syd), with three years of the national patient survey and waiting times, and a
// trickle of tips. A few units stand out, each in one way:
//   S1  patient survey falls sharply in the last year               (external indicators)
//   S2  patient survey falls a little, and many serious tips lately  (indicators and own signals)
//   S3  patient survey low all along, and an acute signal last week  (level, and a hard trigger)
//   S4  waiting times far below the nation in the last year          (one indicator)
//   M1  patient survey falls sharply (in Skåne: outside a Stockholm population)
// plus an HVB in Stockholm, which no vårdcentral population includes.
export const AS_OF = '2026-06-30';

export interface SelectionWorld {
  /** Unit ids by key: S1–S6 (Stockholm), M1–M6 (Skåne), HVB. */
  ids: Record<string, string>;
  names: Record<string, string>;
  stockholm: string[];
  skane: string[];
}

const NAMES: Record<string, string> = {
  S1: 'Vårdcentralen Åsen',
  S2: 'Vårdcentralen Björkhagen',
  S3: 'Vårdcentralen Ängby',
  S4: 'Vårdcentralen Östermalm',
  S5: 'Vårdcentralen Solna strand',
  S6: 'Vårdcentralen Gärdet',
  M1: 'Vårdcentralen Möllan',
  M2: 'Vårdcentralen Limhamn',
  M3: 'Vårdcentralen Husie',
  M4: 'Vårdcentralen Rosengård',
  M5: 'Vårdcentralen Oxie',
  M6: 'Vårdcentralen Bunkeflo',
};

/** The twelve quarters ending on the as-of date (2023-Q3 … 2026-Q2); the last four are the recent year. */
function quarters(): { label: string; end: string; recent: boolean }[] {
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return Array.from({ length: 12 }, (_, i) => {
    const index = 2 + i; // quarters since 2023-Q1
    const year = 2023 + Math.floor(index / 4);
    const quarter = (index % 4) + 1;
    return { label: `${year}-Q${quarter}`, end: `${year}-${ends[quarter - 1]}`, recent: i >= 8 };
  });
}

let signalCounter = 0;

export async function buildSelectionWorld(db: Db): Promise<SelectionWorld> {
  const ids: Record<string, string> = {};
  for (const [key, name] of Object.entries(NAMES)) {
    const stockholm = key.startsWith('S');
    const unit = await buildUnit(db, {
      name,
      form: 'vardcentral',
      orientation: null,
      home_type: null,
      age_min: null,
      age_max: null,
      size: 8000 + 250 * Number(key.slice(1)),
      capacity: null,
      kommun: stockholm ? (key === 'S5' ? '0184' : '0180') : '1280',
      city: stockholm ? 'Stockholm' : 'Malmö',
      postal_code: stockholm ? '11122' : '21115',
      opened: '2015-01-01',
    });
    ids[key] = unit.id;
  }
  ids.HVB = (await buildUnit(db, { name: 'HVB Stockholmsgården', kommun: '0180', opened: '2015-01-01' })).id;

  // Indicators: twelve quarters of the patient survey and waiting times for every vårdcentral.
  const survey: Record<string, (q: { recent: boolean }, i: number) => number> = {
    S1: (q) => (q.recent ? 0.58 : 0.83),
    S2: (q) => (q.recent ? 0.74 : 0.83),
    S3: () => 0.7,
    M1: (q) => (q.recent ? 0.57 : 0.82),
  };
  const waiting: Record<string, (q: { recent: boolean }) => number> = {
    S4: (q) => (q.recent ? 0.55 : 0.87),
  };
  const rows: Insertable<IndicatorValueTable>[] = [];
  for (const key of Object.keys(NAMES)) {
    quarters().forEach((q, i) => {
      const wobble = ((i * 7 + key.charCodeAt(1) * 3) % 5) / 100 - 0.02;
      rows.push({
        unit_id: ids[key],
        indicator: 'patient_survey_overall',
        period: q.label,
        period_end: q.end,
        value: Math.round(((survey[key]?.(q, i) ?? 0.83) + wobble) * 1000) / 1000,
        denominator: 220,
        direction: 'higher_better',
        extra: '{}',
      });
      rows.push({
        unit_id: ids[key],
        indicator: 'waiting_time_90d',
        period: q.label,
        period_end: q.end,
        value: Math.round(((waiting[key]?.(q) ?? 0.88) - wobble / 2) * 1000) / 1000,
        denominator: 180,
        direction: 'higher_better',
        extra: '{}',
      });
    });
  }
  await db.insertInto('indicator_value').values(rows).execute();

  // Signals: a tip every other month at every unit for three years …
  const signal = (unitId: string, channel: string, receivedAt: string, severity: number, urgency = 'normal') => ({
    id: `SEL-${process.pid}-${++signalCounter}`,
    unit_id: unitId,
    channel,
    received_at: `${receivedAt}T09:00:00Z`,
    severity,
    urgency,
    extra: '{}',
  });
  const signals: Insertable<SignalTable>[] = [];
  Object.keys(NAMES).forEach((key, k) => {
    for (let m = 0; m < 36; m += 2) {
      const month = ((m + k) % 12) + 1;
      const year = 2023 + Math.floor((m + 6) / 12);
      if (`${year}-${String(month).padStart(2, '0')}` > '2026-06') continue;
      signals.push(signal(ids[key], m % 6 === 0 ? 'complaint' : 'tip', `${year}-${String(month).padStart(2, '0')}-${String(3 + k).padStart(2, '0')}`, 1 + (m % 2)));
    }
  });
  // … S2: ten serious tips in the last two months; S3: an acute signal last week.
  for (let d = 0; d < 10; d++) signals.push(signal(ids.S2, 'tip', `2026-${d < 5 ? '05' : '06'}-${String(2 + 5 * (d % 5)).padStart(2, '0')}`, 3));
  signals.push(signal(ids.S3, 'child_line', '2026-06-26', 4, 'acute'));
  await db.insertInto('signal').values(signals).execute();

  await recomputeNationalRisk(db, { asOf: AS_OF });
  const keys = Object.keys(NAMES);
  return {
    ids,
    names: { ...NAMES, HVB: 'HVB Stockholmsgården' },
    stockholm: keys.filter((k) => k.startsWith('S')).map((k) => ids[k]),
    skane: keys.filter((k) => k.startsWith('M')).map((k) => ids[k]),
  };
}

/** Σ weight × value of a unit's contributions (computed again from its stored score) with these codes. */
export async function storedEvidence(db: Db, unitIds: string[], codes: string[]): Promise<Map<string, { evidence: number; score: number; triggered: boolean }>> {
  const scores = await recomputeStoredScores(db, unitIds);
  return new Map(
    [...scores.values()].map((r) => [
      r.unitId,
      {
        evidence: Math.round(r.contributions.filter((c) => codes.includes(c.code)).reduce((sum, c) => sum + c.weight * c.value, 0) * 100) / 100,
        score: r.score,
        triggered: r.triggers.length > 0,
      },
    ]),
  );
}

export async function countRows(db: Db, table: 'audit_log' | 'selection_project' | 'selection_stage' | 'selection_stage_unit' | 'selection_control_sample' | 'selection_population_unit') {
  return Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Every row a selection request could write, to show that a refused one wrote nothing. */
export async function selectionSnapshot(db: Db) {
  return {
    audit: await countRows(db, 'audit_log'),
    projects: await countRows(db, 'selection_project'),
    population: await countRows(db, 'selection_population_unit'),
    stages: await countRows(db, 'selection_stage'),
    stageUnits: await countRows(db, 'selection_stage_unit'),
    samples: await countRows(db, 'selection_control_sample'),
  };
}
