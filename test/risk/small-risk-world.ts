import type { Db } from '../../src/platform/db/database.ts';

// A small hand-made register: 30 HVB and 20 vårdcentraler with a steady trickle of tips over three years,
// and a few units that stand out in one way each. As of 2024-12-31.
export const AS_OF = '2024-12-31';

let signalCounter = 0;
export const signal = (unitId: string, channel: string, receivedAt: string, severity: number, urgency = 'normal') => ({
  id: `S${++signalCounter}`,
  unit_id: unitId,
  channel,
  received_at: `${receivedAt}T00:00:00Z`,
  severity,
  urgency,
  extra: '{}',
});

export const monthDay = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export async function buildWorld(db: Db): Promise<void> {
  await db.insertInto('provider').values({ id: 'RP1', name: 'Riskprov AB', kind: 'company', extra: '{}' }).execute();
  const units = [
    ...Array.from({ length: 30 }, (_, i) => ({ id: `H${String(i + 1).padStart(2, '0')}`, form: 'hvb', size: 6 + (i % 5) })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: `V${String(i + 1).padStart(2, '0')}`, form: 'vardcentral', size: 6000 + 200 * i })),
  ];
  await db.insertInto('unit').values(units.map((u) => ({
    id: u.id, provider_id: 'RP1', name: `Enhet ${u.id}`, form: u.form, size: u.size, kommun: '0180', opened: '2015-01-01', extra: '{}',
  }))).execute();

  const signals = [];
  // Background: about two tips a year per unit, spread over 2022–2024.
  units.forEach((u, i) => {
    for (let m = 0; m < 36; m++) {
      if ((i + m) % 6 === 0) signals.push(signal(u.id, m % 12 === 5 ? 'complaint' : 'tip', monthDay(2022 + Math.floor(m / 12), (m % 12) + 1, 1 + (i % 27)), 1 + ((i + m) % 2)));
    }
  });
  // H01: eight serious tips in the last two months.
  for (let d = 0; d < 8; d++) signals.push(signal('H01', 'tip', monthDay(2024, 11 + Math.floor(d / 4), 2 + 6 * (d % 4)), 3));
  // V01: ten lex Maria reports in the last six months, nothing else unusual.
  for (let d = 0; d < 10; d++) signals.push(signal('V01', 'lex_maria', monthDay(2024, 7 + Math.floor(d / 2), 3 + 10 * (d % 2)), 2));
  // ... and one acute lex Maria report last week: triaged at once, but no risk and no hard trigger.
  signals.push(signal('V01', 'lex_maria', '2024-12-28', 4, 'acute'));
  // H04: one acute signal last week.
  signals.push(signal('H04', 'child_line', '2024-12-27', 4, 'acute'));
  await db.insertInto('signal').values(signals).execute();

  // H03: banned on 2024-12-01, still in the register.
  await db.insertInto('permit').values([
    { id: 'T1', provider_id: 'RP1', unit_id: 'H03', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'banned', status_from: '2024-12-01', extra: '{}' },
    { id: 'T2', provider_id: 'RP1', unit_id: 'H02', legal_form: 'hvb_barn', granted_on: '2014-10-01', status: 'active', status_from: '2014-10-01', extra: '{}' },
  ]).execute();
  await db.insertInto('permit_status').values([
    { permit_id: 'T1', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
    { permit_id: 'T1', seq: 1, status: 'banned', valid_from: '2024-12-01', reason: 'Allvarliga brister' },
    { permit_id: 'T2', seq: 0, status: 'active', valid_from: '2014-10-01', reason: null },
  ]).execute();
  await db.insertInto('inspection').values([
    { id: 'I1', unit_id: 'H05', date: '2024-06-10', announced: false, deficiencies: 0, outcome: 'no_remarks', extra: '{}' },
  ]).execute();
}

