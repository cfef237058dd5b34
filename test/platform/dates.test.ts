import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatLongDate,
  formatMonthYear,
  formatSwedishDate,
  formatSwedishDateTime,
  formatSwedishLongDate,
  formatSwedishLongDateTime,
  isCalendarDate,
  swedishToday,
  swedishYear,
} from '../../src/platform/dates.ts';

// Winter time is UTC+1 and summer time UTC+2 in Sweden; the same wall-clock time comes out of both.
const winter = new Date('2026-01-15T09:54:00Z');
const summer = new Date('2026-07-15T08:54:00Z');
// New Year's Eve 23:30 UTC is already the new year in Sweden.
const newYearInSweden = new Date('2026-12-31T23:30:00Z');

describe('Swedish dates', () => {
  it('today and this year follow the Swedish day', () => {
    expect(swedishToday(newYearInSweden)).toBe('2027-01-01');
    expect(swedishYear(newYearInSweden)).toBe(2027);
    expect(swedishToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('knows a real calendar day', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-28')).toBe(false);
  });

  it('writes an instant as its date in Sweden', () => {
    expect(formatSwedishDate(winter)).toBe('2026-01-15');
    expect(formatSwedishDate(newYearInSweden)).toBe('2027-01-01');
    expect(formatSwedishDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });

  it('writes an instant as date and time in Sweden, winter and summer', () => {
    expect(formatSwedishDateTime(winter)).toBe('2026-01-15 10:54');
    expect(formatSwedishDateTime(summer)).toBe('2026-07-15 10:54');
    expect(formatSwedishDateTime('2026-07-15T08:54:00Z')).toBe('2026-07-15 10:54');
    expect(formatSwedishDateTime(newYearInSweden)).toBe('2027-01-01 00:30');
    // The spring change: 01:59 is followed by 03:00.
    expect(formatSwedishDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29 01:59');
    expect(formatSwedishDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29 03:00');
  });

  it('writes an instant as its date in Sweden in words', () => {
    expect(formatSwedishLongDate(winter)).toBe('15 januari 2026');
    expect(formatSwedishLongDate(summer)).toBe('15 juli 2026');
    expect(formatSwedishLongDate(newYearInSweden)).toBe('1 januari 2027');
    expect(formatSwedishLongDate('2026-06-30T22:00:00Z')).toBe('1 juli 2026');
  });

  it('writes an instant as date and time in words, with plain spaces', () => {
    expect(formatSwedishLongDateTime(winter)).toBe('15 januari 2026 kl. 10:54');
    expect(formatSwedishLongDateTime(summer)).toBe('15 juli 2026 kl. 10:54');
    expect(formatSwedishLongDateTime('2026-12-31T23:30:00Z')).toBe('1 januari 2027 kl. 00:30');
    expect(formatSwedishLongDateTime(summer)).not.toMatch(/[\u00a0\u202f]/);
  });

  it('writes a day in words as it is, whatever the time zone', () => {
    expect(formatLongDate('2026-12-31')).toBe('31 december 2026');
    expect(formatLongDate('2027-01-01')).toBe('1 januari 2027');
    expect(formatLongDate('2024-02-29')).toBe('29 februari 2024');
    expect(formatLongDate('2026-07-04')).toBe('4 juli 2026');
  });

  it('writes a month in words', () => {
    expect(formatMonthYear('2026-12')).toBe('december 2026');
    expect(formatMonthYear('2027-01')).toBe('januari 2027');
  });
});

describe('addDays', () => {
  it('counts calendar days across month, year and leap-day boundaries, both ways', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });
});
