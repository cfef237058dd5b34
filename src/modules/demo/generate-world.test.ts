import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import OrganisationsnummerModule from 'organisationsnummer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_TYPES, LEGAL_FORMS, ORIENTATIONS, PERMIT_STATUSES, RISK_AREAS, SIGNAL_CHANNELS, UNIT_FORMS, type UnitForm } from '../registry/codes.ts';
import { generateWorld } from './generate-world.ts';
import { writeWorld } from './write-world.ts';
import type { World } from './world-types.ts';

// The package is CommonJS; its default import is the class at run time (see orgnr.ts).
const Organisationsnummer = ((OrganisationsnummerModule as unknown as { default?: typeof OrganisationsnummerModule.default }).default ??
  OrganisationsnummerModule) as typeof OrganisationsnummerModule.default;

const referenceDir = new URL('../../../reference/', import.meta.url);
const readCsv = (path: string): Record<string, string>[] =>
  parse(readFileSync(new URL(path, referenceDir), 'utf8'), { columns: true, skip_empty_lines: true });

const UNTIL = '2026-10-31';
const HEALTHCARE_FORMS = new Set<UnitForm>(['vardcentral', 'sjukhus', 'tandvard', 'apotek', 'estetisk', 'psykiatri', 'other']);
const SOCIAL_FORMS = new Set<UnitForm>(['hvb', 'stodboende', 'sabo', 'hemtjanst', 'personlig_assistans', 'lss_bostad', 'lss_daglig', 'missbruk', 'other']);

let world: World;
const tempDirs: string[] = [];

function writeToTemp(w: World): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vaka-demo-test-'));
  tempDirs.push(dir);
  return writeWorld(dir, w).then(() => dir);
}

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

beforeAll(() => {
  world = generateWorld({ units: 3000, seed: 7 });
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('generateWorld determinism', () => {
  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const again = await writeToTemp(generateWorld({ units: 3000, seed: 7 }));
    const first = await writeToTemp(world);
    const other = await writeToTemp(generateWorld({ units: 3000, seed: 8 }));
    const firstFiles = readDir(first);
    expect(Object.keys(firstFiles)).toEqual([
      'indicators.jsonl', 'inspections.jsonl', 'notifications.jsonl', 'permits.jsonl', 'providers.jsonl', 'signals.jsonl', 'truth.json', 'units.jsonl',
    ]);
    expect(readDir(again)).toEqual(firstFiles);
    const otherFiles = readDir(other);
    expect(otherFiles['units.jsonl']).not.toEqual(firstFiles['units.jsonl']);
    expect(otherFiles['signals.jsonl']).not.toEqual(firstFiles['signals.jsonl']);
  });

  it('is the same world whatever ran before it (no hidden global state)', () => {
    generateWorld({ units: 500, seed: 99, until: '2025-06-30' });
    expect(JSON.stringify(generateWorld({ units: 3000, seed: 7 }))).toEqual(JSON.stringify(world));
  });
});

describe('written files', () => {
  it('writes one JSON object per line, keys in the documented order, no null or undefined padding', async () => {
    const files = readDir(await writeToTemp(world));
    const lines = (name: string) => files[name].trimEnd().split('\n');
    expect(lines('units.jsonl')).toHaveLength(world.units.length);
    expect(lines('signals.jsonl')).toHaveLength(world.signals.length);
    expect(lines('indicators.jsonl')).toHaveLength(world.indicators.length);
    const firstUnit = JSON.parse(lines('units.jsonl')[0]);
    expect(Object.keys(firstUnit).slice(0, 6)).toEqual(['id', 'providerId', 'name', 'form', 'kommun', 'size']);
    expect(Object.keys(JSON.parse(lines('signals.jsonl')[0])).slice(0, 4)).toEqual(['id', 'unitId', 'channel', 'receivedAt']);
    for (const name of Object.keys(files).filter((n) => n.endsWith('.jsonl'))) {
      expect(files[name]).not.toContain('null');
      expect(files[name]).not.toContain('undefined');
    }
    const truth = JSON.parse(files['truth.json']);
    expect(Object.keys(truth)).toEqual(['seed', 'until', 'deteriorating']);
    expect(Object.keys(truth.deteriorating[0])).toEqual(['unitId', 'from', 'kind', 'description']);
  });
});

describe('register', () => {
  it('has units in all 290 kommuner', () => {
    const kommuner = readCsv('geo/municipalities.csv').map((r) => r.municipality_code);
    expect(kommuner).toHaveLength(290);
    const used = new Set(world.units.map((u) => u.kommun));
    expect(kommuner.filter((k) => !used.has(k))).toEqual([]);
  });

  it('has the 290 kommuner and 21 regions as providers, and chains with parents', () => {
    const kinds = world.providers.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.kind]: (acc[p.kind] ?? 0) + 1 }), {});
    expect(kinds.kommun).toBe(290);
    expect(kinds.region).toBe(21);
    expect(kinds.company).toBeGreaterThan(300);
    expect(kinds.association).toBeGreaterThan(10);
    expect(world.providers.filter((p) => p.parentId).length).toBeGreaterThan(10);
  });

  it('gives every provider a valid, unique organisationsnummer of the right kind', () => {
    const seen = new Set<string>();
    for (const provider of world.providers) {
      expect(Organisationsnummer.valid(provider.orgnr), `${provider.id} ${provider.orgnr}`).toBe(true);
      expect(provider.orgnr).toMatch(/^\d{10}$/);
      expect(seen.has(provider.orgnr)).toBe(false);
      seen.add(provider.orgnr);
      const prefix = { kommun: /^21/, region: /^2321/, company: /^55/, association: /^8/, other: /^9/ }[provider.kind];
      expect(provider.orgnr).toMatch(prefix);
    }
  });

  it('puts every postcode in the unit’s own kommun', () => {
    const kommunOf = new Map(readCsv('geo/postal_to_municipality.csv').map((r) => [r.postal_code, r.municipality_code]));
    for (const unit of world.units) {
      expect(unit.postalCode).toMatch(/^\d{5}$/);
      expect(kommunOf.get(unit.postalCode!), `${unit.id} ${unit.postalCode}`).toBe(unit.kommun);
    }
  });

  it('has roughly the national proportions of forms and owners', () => {
    const count = (form: UnitForm) => world.units.filter((u) => u.form === form).length;
    const expected = (perForty: number) => (perForty * 3000) / 40_000;
    expect(world.units).toHaveLength(3000);
    expect(count('vardcentral')).toBeCloseTo(expected(1200), -1);
    expect(count('hvb')).toBeCloseTo(expected(1000), -1);
    expect(count('sabo')).toBeCloseTo(expected(1850), -1);
    expect(count('apotek')).toBeCloseTo(expected(1300), -1);
    expect(count('tandvard')).toBeCloseTo(expected(2250), -1);
    expect(count('estetisk')).toBeCloseTo(expected(1000), -1);
    expect(count('sjukhus')).toBeGreaterThanOrEqual(6);

    const kindOf = new Map(world.providers.map((p) => [p.id, p.kind]));
    const publicShare = (form: UnitForm) => {
      const units = world.units.filter((u) => u.form === form);
      return units.filter((u) => ['kommun', 'region'].includes(kindOf.get(u.providerId)!)).length / units.length;
    };
    expect(publicShare('vardcentral')).toBeGreaterThan(0.45);
    expect(publicShare('vardcentral')).toBeLessThan(0.75);
    expect(publicShare('hvb')).toBeLessThan(0.25);
    expect(publicShare('apotek')).toBe(0);
    expect(publicShare('estetisk')).toBe(0);
    expect(publicShare('sabo')).toBeGreaterThan(0.6);
  });

  it('describes units with valid codes, sizes and details', () => {
    for (const unit of world.units) {
      expect(Object.keys(UNIT_FORMS)).toContain(unit.form);
      expect(unit.size).toBeGreaterThan(0);
      expect(unit.opened! <= UNTIL).toBe(true);
      if (unit.closed) expect(unit.closed > unit.opened!).toBe(true);
      for (const o of unit.orientation ?? []) expect(Object.keys(ORIENTATIONS)).toContain(o);
      if (unit.homeType) expect(Object.keys(HOME_TYPES)).toContain(unit.homeType);
      expect(unit.lat).toBeGreaterThan(55);
      expect(unit.lat).toBeLessThan(69.1);
      if (unit.form === 'hvb') {
        expect(unit.homeType).toBeDefined();
        expect(unit.orientation!.length).toBeGreaterThanOrEqual(1);
        expect(unit.orientation!.length).toBeLessThanOrEqual(3);
        expect(unit.ageMin).toBeGreaterThanOrEqual(0);
        expect(unit.ageMax).toBeLessThanOrEqual(20);
        expect(unit.capacity).toBeGreaterThanOrEqual(3);
      }
      if (unit.form === 'stodboende') expect([unit.ageMin, unit.ageMax]).toEqual([16, 20]);
      if (unit.form === 'estetisk') {
        expect(unit.operationCodes!.length).toBeGreaterThan(0);
        for (const code of unit.operationCodes!) expect(['B18', 'B19']).toContain(code);
      }
    }
    expect(world.units.some((u) => u.closed)).toBe(true);
  });
});

describe('permits and notifications', () => {
  it('gives every privately run SoL/LSS unit a permit, with a status history in date order', () => {
    const kindOf = new Map(world.providers.map((p) => [p.id, p.kind]));
    const permitted = new Set(world.permits.map((p) => p.unitId));
    const needsPermit: UnitForm[] = ['hvb', 'stodboende', 'sabo', 'hemtjanst', 'personlig_assistans', 'lss_bostad', 'lss_daglig', 'missbruk'];
    for (const unit of world.units) {
      const isPublic = ['kommun', 'region'].includes(kindOf.get(unit.providerId)!);
      if (needsPermit.includes(unit.form) && !isPublic) expect(permitted.has(unit.id), unit.id).toBe(true);
    }
    const statuses = new Set<string>();
    for (const permit of world.permits) {
      expect(Object.keys(LEGAL_FORMS)).toContain(permit.legalForm);
      expect(permit.history[0]).toEqual({ status: 'active', from: permit.grantedOn });
      for (let i = 1; i < permit.history.length; i++) expect(permit.history[i].from >= permit.history[i - 1].from).toBe(true);
      for (const change of permit.history) {
        expect(Object.keys(PERMIT_STATUSES)).toContain(change.status);
        expect(change.from <= UNTIL).toBe(true);
        statuses.add(change.status);
      }
    }
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['active', 'dormant', 'revoked']));
  });

  it('includes late healthcare notifications (the one-month rule)', () => {
    const day = (d: string) => Date.parse(d) / 86_400_000;
    const late = world.notifications.filter((n) =>
      n.kind === 'new' ? day(n.eventDate) - day(n.receivedOn) < 30 : day(n.receivedOn) - day(n.eventDate) > 31);
    expect(world.notifications.length).toBeGreaterThan(100);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / world.notifications.length).toBeLessThan(0.3);
    const formOf = new Map(world.units.map((u) => [u.id, u.form]));
    for (const n of world.notifications) expect(HEALTHCARE_FORMS.has(formOf.get(n.unitId!)!)).toBe(true);
  });
});

describe('signals', () => {
  it('has around 150,000 signals per 40,000 units, on every channel', () => {
    expect(world.signals.length).toBeGreaterThan(150_000 * (3000 / 40_000) * 0.85);
    expect(world.signals.length).toBeLessThan(150_000 * (3000 / 40_000) * 1.15);
    const channels = new Set(world.signals.map((s) => s.channel));
    expect([...channels].sort()).toEqual([...SIGNAL_CHANNELS].sort());
  });

  it('keeps channels where they belong', () => {
    const unitById = new Map(world.units.map((u) => [u.id, u]));
    const kindOf = new Map(world.providers.map((p) => [p.id, p.kind]));
    const formsOf = (channel: string) => world.signals.filter((s) => s.channel === channel).map((s) => unitById.get(s.unitId)!.form);
    for (const form of formsOf('lex_maria')) expect(HEALTHCARE_FORMS.has(form), form).toBe(true);
    for (const form of formsOf('lex_sarah')) expect(SOCIAL_FORMS.has(form), form).toBe(true);
    for (const signal of world.signals.filter((s) => s.channel === 'unexecuted_decision')) {
      expect(kindOf.get(unitById.get(signal.unitId)!.providerId)).toBe('kommun');
    }
    const childLine = formsOf('child_line');
    expect(childLine.filter((f) => f === 'hvb' || f === 'stodboende').length / childLine.length).toBeGreaterThan(0.6);
    const complaints = formsOf('complaint');
    expect(complaints.filter((f) => HEALTHCARE_FORMS.has(f) && f !== 'other').length / complaints.length).toBeGreaterThan(0.5);
  });

  it('has valid fields: dates in the history, severity mostly 1–2, few acute, 1–2 known risk areas, Swedish text', () => {
    const severities = [0, 0, 0, 0, 0];
    let acute = 0;
    for (const signal of world.signals) {
      expect(signal.receivedAt >= '2022-01-01' && signal.receivedAt <= UNTIL, signal.id).toBe(true);
      if (signal.occurredAt) expect(signal.occurredAt <= signal.receivedAt).toBe(true);
      expect([1, 2, 3, 4]).toContain(signal.severity);
      severities[signal.severity!]++;
      if (signal.urgency === 'acute') acute++;
      expect(signal.riskAreas!.length).toBeGreaterThanOrEqual(1);
      expect(signal.riskAreas!.length).toBeLessThanOrEqual(2);
      for (const area of signal.riskAreas!) expect(Object.keys(RISK_AREAS)).toContain(area);
      expect(signal.text!.length).toBeGreaterThan(10);
    }
    expect((severities[1] + severities[2]) / world.signals.length).toBeGreaterThan(0.65);
    expect(acute / world.signals.length).toBeLessThan(0.05);
    expect(acute).toBeGreaterThan(0);
  });

  it('shows seasonality (fewer in July) and growing tips', () => {
    const inMonth = (month: string) => world.signals.filter((s) => s.receivedAt.slice(5, 7) === month).length;
    expect(inMonth('07')).toBeLessThan(inMonth('10') * 0.7);
    const tipsIn = (year: string) => world.signals.filter((s) => s.channel === 'tip' && s.receivedAt.startsWith(year)).length;
    expect(tipsIn('2025')).toBeGreaterThan(tipsIn('2022') * 1.3);
  });

  it('takes every personnummer from the official test list, on complaints only', () => {
    const testNumbers = new Set(readFileSync(new URL('identity/test-personnummer.txt', referenceDir), 'utf8').split(/\r?\n/));
    for (const signal of world.signals) {
      if (signal.channel === 'complaint') {
        expect(testNumbers.has(signal.personnummer!), `${signal.id} ${signal.personnummer}`).toBe(true);
      } else {
        expect(signal.personnummer).toBeUndefined();
      }
    }
  });
});

describe('indicators and inspections', () => {
  it('has plausible indicators for the right forms', () => {
    const formOf = new Map(world.units.map((u) => [u.id, u.form]));
    const formsFor: Record<string, UnitForm[]> = {
      patient_survey_overall: ['vardcentral'], waiting_time_90d: ['vardcentral'], user_survey_satisfaction: ['sabo', 'hemtjanst'],
    };
    for (const row of world.indicators) {
      expect(row.value).toBeGreaterThanOrEqual(0);
      expect(row.value).toBeLessThanOrEqual(1);
      expect(row.period).toMatch(/^\d{4}(-Q[1-4])?$/);
      expect(row.period.slice(0, 4) >= '2022' && row.period.slice(0, 4) <= UNTIL.slice(0, 4)).toBe(true);
      if (formsFor[row.indicator]) expect(formsFor[row.indicator]).toContain(formOf.get(row.unitId));
      expect(row.direction).toBe(row.indicator === 'staff_turnover' ? 'lower_better' : 'higher_better');
    }
    expect(new Set(world.indicators.map((i) => i.indicator)).size).toBe(4);
    expect(world.indicators.length).toBeLessThan(120_000 * (3000 / 40_000));
  });

  it('inspects about a tenth of units a year, HVB more often', () => {
    const years = 4.83;
    expect(world.inspections.length / (3000 * years)).toBeGreaterThan(0.07);
    expect(world.inspections.length / (3000 * years)).toBeLessThan(0.15);
    const formOf = new Map(world.units.map((u) => [u.id, u.form]));
    const rate = (form: UnitForm) =>
      world.inspections.filter((i) => formOf.get(i.unitId) === form).length / world.units.filter((u) => u.form === form).length;
    expect(rate('hvb')).toBeGreaterThan(3 * rate('lss_bostad'));
    for (const inspection of world.inspections) {
      expect(Number.isInteger(inspection.deficiencies) && inspection.deficiencies >= 0).toBe(true);
      if (inspection.outcome === 'no_remarks') expect(inspection.deficiencies).toBe(0);
    }
  });
});

describe('truth', () => {
  it('names about 1% of units, which exist and get clearly more signals after `from`', () => {
    const truth = world.truth;
    expect(truth).toMatchObject({ seed: 7, until: UNTIL });
    expect(truth.deteriorating.length).toBe(30);
    const unitById = new Map(world.units.map((u) => [u.id, u]));
    const day = (d: string) => Date.parse(d) / 86_400_000;
    for (const d of truth.deteriorating) {
      const unit = unitById.get(d.unitId);
      expect(unit, d.unitId).toBeDefined();
      expect(d.from >= '2024-01-01' && d.from <= UNTIL).toBe(true);
      expect(d.description.length).toBeGreaterThan(20);
      const signals = world.signals.filter((s) => s.unitId === d.unitId);
      const before = signals.filter((s) => s.receivedAt < d.from).length;
      const after = signals.length - before;
      expect(after, d.unitId).toBeGreaterThan(before);
      const end = unit!.closed ? day(unit!.closed) : day(UNTIL) + 1;
      const start = Math.max(day('2022-01-01'), day(unit!.opened!));
      expect(after / (end - day(d.from)), d.unitId).toBeGreaterThan(before / (day(d.from) - start));
      for (const inspection of world.inspections.filter((i) => i.unitId === d.unitId && i.date >= d.from)) {
        expect(inspection.deficiencies).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('leans towards HVB, SÄBO and vårdcentraler', () => {
    const formOf = new Map(world.units.map((u) => [u.id, u.form]));
    const forms = world.truth.deteriorating.map((d) => formOf.get(d.unitId)!);
    const favoured = forms.filter((f) => f === 'hvb' || f === 'sabo' || f === 'vardcentral').length;
    expect(favoured / forms.length).toBeGreaterThan(0.3);
  });
});

describe('identity and references', () => {
  it('has unique, readable ids', () => {
    const check = (ids: string[], pattern: RegExp) => {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(pattern);
    };
    check(world.providers.map((p) => p.id), /^P\d{6}$/);
    check(world.units.map((u) => u.id), /^U\d{6}$/);
    check(world.signals.map((s) => s.id), /^S\d{7}$/);
    check(world.inspections.map((i) => i.id), /^I\d{6}$/);
    check(world.permits.map((p) => p.id), /^T\d{6}$/);
    check(world.notifications.map((n) => n.id), /^N\d{6}$/);
    const indicatorKeys = world.indicators.map((i) => `${i.unitId}|${i.indicator}|${i.period}`);
    expect(new Set(indicatorKeys).size).toBe(indicatorKeys.length);
  });

  it('refers only to ids that exist', () => {
    const providers = new Set(world.providers.map((p) => p.id));
    const unitProvider = new Map(world.units.map((u) => [u.id, u.providerId]));
    for (const p of world.providers) if (p.parentId) expect(providers.has(p.parentId)).toBe(true);
    for (const u of world.units) expect(providers.has(u.providerId)).toBe(true);
    for (const s of world.signals) expect(unitProvider.has(s.unitId)).toBe(true);
    for (const i of world.indicators) expect(unitProvider.has(i.unitId)).toBe(true);
    for (const i of world.inspections) expect(unitProvider.has(i.unitId)).toBe(true);
    for (const p of [...world.permits, ...world.notifications]) {
      expect(providers.has(p.providerId)).toBe(true);
      expect(unitProvider.get(p.unitId!)).toBe(p.providerId);
    }
    for (const d of world.truth.deteriorating) expect(unitProvider.has(d.unitId)).toBe(true);
  });
});

describe('national scale', () => {
  it('generates 40,000 units with the seeds’ counts', () => {
    const start = performance.now();
    const big = generateWorld({ units: 40_000, seed: 1 });
    const seconds = (performance.now() - start) / 1000;
    console.log(`generateWorld(40,000 units): ${seconds.toFixed(1)} s, ${big.signals.length} signals, ${big.indicators.length} indicators`);
    const count = (form: UnitForm) => big.units.filter((u) => u.form === form).length;
    expect(big.units).toHaveLength(40_000);
    expect(count('vardcentral')).toBe(1200);
    expect(count('sjukhus')).toBeGreaterThanOrEqual(90);
    expect(count('sjukhus')).toBeLessThanOrEqual(100);
    expect(count('hvb')).toBe(1000);
    expect(count('apotek')).toBe(1300);
    expect(count('sabo')).toBeGreaterThanOrEqual(1700);
    expect(count('sabo')).toBeLessThanOrEqual(2000);
    expect(count('stodboende')).toBe(400);
    expect(count('estetisk')).toBe(1000);
    const regionIds = new Set(big.providers.filter((p) => p.kind === 'region').map((p) => p.id));
    const dental = big.units.filter((u) => u.form === 'tandvard');
    const publicDental = dental.filter((u) => regionIds.has(u.providerId)).length;
    expect(publicDental).toBeGreaterThan(900);
    expect(publicDental).toBeLessThan(1100);
    expect(dental.length - publicDental).toBeGreaterThan(1150);
    expect(big.signals.length).toBeGreaterThan(130_000);
    expect(big.signals.length).toBeLessThan(170_000);
    expect(big.indicators.length).toBeLessThan(120_000);
    expect(big.truth.deteriorating).toHaveLength(400);
  });
});
