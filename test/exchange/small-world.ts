// A small hand-written world in the exchange format that uses every field, for the exchange tests.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Line = Record<string, unknown>;
export type World = Record<'providers' | 'units' | 'permits' | 'notifications' | 'signals' | 'indicators' | 'inspections', Line[]>;

/** An organisationsnummer with a correct Luhn check digit. */
export function orgnr(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return `${nineDigits.slice(0, 6)}-${nineDigits.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export function smallWorld(): World {
  return {
    providers: [
      { id: 'P1', name: 'Omsorgskoncernen AB', orgnr: orgnr('556677889'), kind: 'company', email: 'info@omsorg.example', peppolId: '0007:5566778899', ourRating: { stars: 4 } },
      { id: 'P2', name: 'Gläntans HVB AB', orgnr: orgnr('559212345').replace('-', ''), kind: 'company', parentId: 'P1', phone: '08-123 45 67' },
      { id: 'P3', name: 'Stockholms kommun', orgnr: orgnr('212000014'), kind: 'kommun' },
      { id: 'P4', name: 'Föreningen Trygg', kind: 'association' },
    ],
    units: [
      {
        id: 'U1', providerId: 'P2', name: 'HVB Gläntan', form: 'hvb', kommun: '0180', size: 8, opened: '2019-03-01',
        orientation: ['psykosocial', 'npf'], homeType: 'behandlingshem', ageMin: 13, ageMax: 17, capacity: 9,
        street: 'Storgatan 1', postalCode: '11122', city: 'Stockholm', lat: 59.3326, lon: 18.0649, phone: '08-111 22 33',
        email: 'glantan@example.se', website: 'https://glantan.example', localNote: 'tidigare Solgläntan',
      },
      { id: 'U2', providerId: 'P3', name: 'Vårdcentral Söder', form: 'vardcentral', kommun: '0180', size: 12500.5, operationCodes: ['B18', 'B19'], hsaId: 'SE2321000016-ABCD' },
      { id: 'U3', providerId: 'P1', name: 'Äldreboendet Linden', form: 'sabo', kommun: '1280', size: 45, postalCode: '211 15', closed: null },
      { id: 'U4', providerId: 'P4', name: 'Stödboende Uppsala', form: 'stodboende', kommun: '0380', size: 6, opened: '2015-01-01', closed: '2024-06-30' },
    ],
    permits: [
      {
        id: 'T1', providerId: 'P2', unitId: 'U1', legalForm: 'hvb_barn', grantedOn: '2019-01-15',
        history: [
          { status: 'active', from: '2019-01-15' },
          { status: 'banned', from: '2023-05-02', reason: 'Allvarliga brister i tillsynen' },
          { status: 'inhibition', from: '2023-05-20', reason: 'Förvaltningsrätten inhiberade beslutet' },
        ],
        caseNumber: '3.5.1-12345/2023',
      },
      { id: 'T2', providerId: 'P1', legalForm: 'sabo', grantedOn: '2010-09-01', history: [{ status: 'active', from: '2010-09-01' }] },
    ],
    notifications: [
      { id: 'N1', providerId: 'P3', unitId: 'U2', kind: 'new', eventDate: '2020-02-01', receivedOn: '2020-01-10', description: 'Ny vårdcentral' },
      { id: 'N2', providerId: 'P4', kind: 'closure', eventDate: '2024-06-30', receivedOn: '2024-05-01' },
    ],
    signals: [
      { id: 'S1', unitId: 'U1', channel: 'complaint', receivedAt: '2024-02-01', occurredAt: '2024-01-28', severity: 3, text: 'Personalen låste in min son.', riskAreas: ['safety_abuse'], urgency: 'high', personnummer: '19121212-1212' },
      { id: 'S2', unitId: 'U1', channel: 'lex_sarah', receivedAt: '2024-03-05T13:45:10.123Z', severity: 2 },
      { id: 'S3', unitId: 'U2', channel: 'tip', receivedAt: '2024-03-06T08:00:00+01:00', text: 'Lång väntetid', riskAreas: [], source: { system: 'e-tjänst', ref: 77 } },
      { id: 'S4', unitId: 'U3', channel: 'lex_maria', receivedAt: '2023-12-31', severity: 4, riskAreas: ['medication', 'care_quality'] },
      { id: 'S5', unitId: 'U2', channel: 'media', receivedAt: '2024-04-01' },
    ],
    indicators: [
      { unitId: 'U2', indicator: 'patient_survey_overall', period: '2023', value: 0.82, denominator: 340, direction: 'higher_better' },
      { unitId: 'U2', indicator: 'waiting_time_90d', period: '2023-Q4', value: 0.91, direction: 'higher_better', source: 'väntetider.se' },
      { unitId: 'U1', indicator: 'staff_turnover', period: '2024-02', value: 0.3, direction: 'lower_better' },
      { unitId: 'U3', indicator: 'staff_turnover', period: '2024-Q1', value: 0.12, denominator: 0, direction: 'lower_better' },
    ],
    inspections: [
      { id: 'I1', unitId: 'U1', date: '2023-04-12', announced: false, deficiencies: 5, outcome: 'injunction' },
      { id: 'I2', unitId: 'U3', date: '2022-10-03', deficiencies: 0, outcome: 'no_remarks' },
    ],
  };
}

/** Writes the world as `<name>.jsonl` files; a `string` line is written as it is (for broken lines). */
export async function writeWorldFiles(dir: string, world: Partial<Record<keyof World, (Line | string)[]>>): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, lines] of Object.entries(world)) {
    if (!lines) continue;
    await writeFile(join(dir, `${name}.jsonl`), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  }
  return dir;
}

export async function makeTempDir(prefix = 'vaka-exchange-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
