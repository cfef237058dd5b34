import { describe, expect, it } from 'vitest';
import { formatReceivedAt } from '../../src/modules/exchange/export-world.ts';
import { FieldReader } from '../../src/modules/exchange/field-reader.ts';
import { periodEnd, readSignal, readUnit, readProvider } from '../../src/modules/exchange/read-lines.ts';

function read<T>(reader: (r: FieldReader, report: (field: string, message: string) => void) => T, record: Record<string, unknown>) {
  const issues: string[] = [];
  const report = (field: string, message: string) => issues.push(`${field}: ${message}`);
  const row = reader(new FieldReader(record, report), report);
  return { row, issues };
}

const reference = { municipalities: new Set(['0180', '1280']), postcodes: new Map([['11122', '0180']]) };

describe('exchange lines', () => {
  it('ends indicator periods on the last day of the year, quarter or month', () => {
    expect(periodEnd('2023')).toBe('2023-12-31');
    expect(periodEnd('2024-Q1')).toBe('2024-03-31');
    expect(periodEnd('2023-Q2')).toBe('2023-06-30');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('2023-Q5')).toBeUndefined();
    expect(periodEnd('2023-13')).toBeUndefined();
    expect(periodEnd('23')).toBeUndefined();
  });

  it('writes receivedAt as a date at midnight UTC and as ISO 8601 otherwise', () => {
    expect(formatReceivedAt(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(formatReceivedAt(new Date('2024-03-01T00:00:00.001Z'))).toBe('2024-03-01T00:00:00.001Z');
    expect(formatReceivedAt(new Date('2024-03-01T00:00:00+01:00'))).toBe('2024-02-29T23:00:00.000Z');
  });

  it('reads receivedAt as a date or a date-time with a time zone', () => {
    const signal = (receivedAt: unknown) => read(readSignal, { id: 'S1', unitId: 'U1', channel: 'tip', receivedAt });
    expect(signal('2024-03-01').row?.received_at).toBe('2024-03-01T00:00:00Z');
    expect(signal('2024-03-01T10:15:00+01:00').row?.received_at).toBe('2024-03-01T10:15:00+01:00');
    expect(signal('2024-03-01T10:15:00').issues).toEqual(['receivedAt: a date-time needs a time zone (Z or +01:00), got "2024-03-01T10:15:00"']);
    expect(signal('2024-02-30').issues).toHaveLength(1);
    expect(signal('2024-03-01T25:00:00Z').issues).toHaveLength(1);
    expect(signal(20240301).issues).toEqual(['receivedAt: must be a string, got 20240301']);
    expect(signal(undefined).issues).toEqual(['receivedAt: is required']);
  });

  it('stores organisationsnummer and personnummer normalised, and refuses invalid ones', () => {
    expect(read(readProvider, { id: 'P1', name: 'A', kind: 'company', orgnr: '556016-0680' }).row?.orgnr).toBe('5560160680');
    expect(read(readProvider, { id: 'P1', name: 'A', kind: 'company', orgnr: '165560160680' }).row?.orgnr).toBe('5560160680');
    expect(read(readProvider, { id: 'P1', name: 'A', kind: 'company', orgnr: '556016-0681' }).issues).toEqual(['orgnr: not a valid organisationsnummer: "556016-0681"']);
    const signal = (personnummer: string) => read(readSignal, { id: 'S1', unitId: 'U1', channel: 'tip', receivedAt: '2024-01-01', personnummer });
    expect(signal('19121212-1212').row?.personnummer).toBe('191212121212');
    expect(signal('191212121212').row?.personnummer).toBe('191212121212');
    expect(signal('19121212-1213').issues).toHaveLength(1);
  });

  it('keeps unknown fields, even odd ones, as extra', () => {
    const record = JSON.parse('{"id":"P1","name":"A","kind":"company","note":"x","__proto__":{"a":1},"nested":{"b":[1,2]}}');
    const { row, issues } = read(readProvider, record);
    expect(issues).toEqual([]);
    expect(JSON.stringify(row?.extra)).toBe('{"note":"x","__proto__":{"a":1},"nested":{"b":[1,2]}}');
  });

  it('checks units: size, ages, postcode against kommun, code lists', () => {
    const unit = (fields: Record<string, unknown>) =>
      read((r, report) => readUnit(r, report, reference), { id: 'U1', providerId: 'P1', name: 'Gläntan', form: 'hvb', kommun: '0180', size: 8, ...fields });
    expect(unit({}).issues).toEqual([]);
    expect(unit({ size: 0 }).issues).toEqual(['size: must be greater than 0, got 0']);
    expect(unit({ size: '8' }).issues).toEqual(['size: must be a number, got "8"']);
    expect(unit({ ageMin: 18, ageMax: 12 }).issues).toEqual(['ageMax: must not be below ageMin (18), got 12']);
    expect(unit({ postalCode: '111 22' }).row?.postal_code).toBe('11122');
    expect(unit({ postalCode: '11122', kommun: '1280' }).issues).toEqual(['postalCode: postcode 11122 belongs to kommun 0180, not 1280']);
    expect(unit({ postalCode: '99999' }).issues).toEqual([]);
    expect(unit({ orientation: ['npf', 'golf'] }).issues).toEqual([expect.stringMatching(/^orientation\[1\]: unknown code "golf"/)]);
    expect(unit({ kommun: '0181' }).issues).toEqual([expect.stringMatching(/^kommun: unknown kommun code "0181"/)]);
  });
});
