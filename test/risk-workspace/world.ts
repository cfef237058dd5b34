import type { Db } from '../../src/platform/db/database.ts';
import { buildPermit, buildUnit } from '../support/factories.ts';

// A small register for the risk workspace, as of 2026-06-30: HVB homes and vårdcentraler in two departments
// (Stockholm: kommunerna Stockholm and Upplands Väsby in Stockholms län; syd: Malmö in Skåne län), a steady
// trickle of tips over two and a half years, and a few units that stand out:
//  - hot: many serious tips about violence in the last two months (risk area safety_abuse);
//  - medication: Malmö, medication tips in the last 26 weeks;
//  - oldMedication: Malmö, a medication tip 40 weeks before the as-of date only (outside the filter's window);
//  - acute: an acute signal last week (a hard trigger);
//  - banned: a permit banned this spring (a hard trigger), and an inspection with deficiencies at hot.
export const AS_OF = '2026-06-30';

export const KOMMUN = { stockholm: '0180', vasby: '0114', malmo: '1280' } as const;

type Unit = Awaited<ReturnType<typeof buildUnit>>;

export interface RiskWorld {
  units: Unit[];
  hot: Unit;
  medication: Unit;
  oldMedication: Unit;
  acute: Unit;
  banned: Unit;
  /** A unit whose name needs escaping. */
  tricky: Unit;
}

let signalCounter = 0;

function signalRow(unitId: string, receivedOn: string, options: { channel?: string; severity?: number; urgency?: string; riskAreas?: string[] } = {}) {
  return {
    id: `RW${process.pid}-${++signalCounter}`,
    unit_id: unitId,
    channel: options.channel ?? 'tip',
    received_at: new Date(`${receivedOn}T10:00:00Z`),
    severity: options.severity ?? 2,
    urgency: options.urgency ?? 'normal',
    risk_areas: options.riskAreas ?? ['care_quality'],
    text: null,
    extra: '{}',
  };
}

const day = (date: string, plusDays: number) => new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);

export async function buildRiskWorld(db: Db, options: { units?: number } = {}): Promise<RiskWorld> {
  const total = options.units ?? 56;
  const units: Unit[] = [];
  for (let i = 0; i < total; i++) {
    const isHvb = i % 7 !== 3;
    const kommun = i % 3 === 0 ? KOMMUN.malmo : i % 3 === 1 ? KOMMUN.stockholm : KOMMUN.vasby;
    units.push(
      await buildUnit(db, {
        name: `${isHvb ? 'HVB Risklunden' : 'Vårdcentralen Riskbacken'} ${String(i + 1).padStart(2, '0')}`,
        form: isHvb ? 'hvb' : 'vardcentral',
        size: isHvb ? 6 + (i % 5) : 5000 + 300 * (i % 6),
        kommun,
        opened: '2015-01-01',
      }),
    );
  }
  const pick = (kommun: string, form: string, skip = 0) => units.filter((u) => u.kommun === kommun && u.form === form)[skip];
  const hot = pick(KOMMUN.stockholm, 'hvb', 0);
  const acute = pick(KOMMUN.stockholm, 'hvb', 1);
  const medication = pick(KOMMUN.malmo, 'hvb', 0);
  const oldMedication = pick(KOMMUN.malmo, 'hvb', 1);
  const banned = pick(KOMMUN.vasby, 'hvb', 0);
  const tricky = pick(KOMMUN.vasby, 'hvb', 1);
  await db.updateTable('unit').set({ name: 'HVB <Tricky> & "Co"' }).where('id', '=', tricky.id).execute();
  tricky.name = 'HVB <Tricky> & "Co"';

  const signals: ReturnType<typeof signalRow>[] = [];
  // Background: a tip every few months per unit from January 2024, about the care itself.
  units.forEach((u, i) => {
    for (let m = 0; m < 30; m++) {
      if ((i + m) % 5 !== 0) continue;
      const month = new Date(Date.UTC(2024, m, 1 + (i % 27))).toISOString().slice(0, 10);
      if (month <= AS_OF) signals.push(signalRow(u.id, month, { severity: 1 + ((i + m) % 2), channel: m % 4 === 1 ? 'complaint' : 'tip' }));
    }
  });
  // hot: twelve serious tips about violence in May and June 2026.
  for (let k = 0; k < 12; k++) signals.push(signalRow(hot.id, day('2026-05-01', 5 * k), { severity: 3 + (k % 2), urgency: 'high', riskAreas: ['safety_abuse', 'staffing_competence'] }));
  // medication: three medication tips in the last 26 weeks.
  for (const date of ['2026-02-10', '2026-04-02', '2026-06-01']) signals.push(signalRow(medication.id, date, { riskAreas: ['medication'] }));
  // oldMedication: one medication tip 40 weeks before the as-of date (outside the 26-week window).
  signals.push(signalRow(oldMedication.id, day(AS_OF, -280), { riskAreas: ['medication'] }));
  // acute: a child line call last week, acute.
  signals.push(signalRow(acute.id, '2026-06-25', { channel: 'child_line', severity: 4, urgency: 'acute', riskAreas: ['safety_abuse'] }));
  // A signal after the as-of date: known today, not on the as-of date.
  signals.push(signalRow(medication.id, '2026-07-05', { riskAreas: ['dishonest_operator'] }));
  for (let i = 0; i < signals.length; i += 200) await db.insertInto('signal').values(signals.slice(i, i + 200)).execute();

  await buildPermit(db, {
    unitId: banned.id,
    providerId: banned.provider_id,
    history: [
      { status: 'active', from: '2015-01-01' },
      { status: 'banned', from: '2026-04-15', reason: 'Allvarliga brister i bemanningen' },
    ],
  });
  await buildPermit(db, { unitId: hot.id, providerId: hot.provider_id, history: [{ status: 'active', from: '2016-03-01' }] });
  await db
    .insertInto('inspection')
    .values({ id: `RWI${process.pid}-${hot.id}`, unit_id: hot.id, date: '2026-03-12', announced: false, deficiencies: 4, outcome: 'injunction', extra: '{}' })
    .execute();
  return { units, hot, medication, oldMedication, acute, banned, tricky };
}
