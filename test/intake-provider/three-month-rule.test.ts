import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  assessDecision,
  isIsoDate,
  monthsAndDaysBetween,
  quarterEnd,
  reportableQuarters,
  UNEXECUTED_DECISION_LIMIT_MONTHS,
  waitedText,
} from '../../src/modules/intake/provider/unexecuted-decisions/three-month-rule.ts';
import { validateDecision } from '../../src/modules/intake/provider/unexecuted-decisions/validate-decision.ts';

const waiting = (decisionDate: string) => ({ decisionDate, interruptedOn: null, executedOn: null });

describe('the three-month rule for unexecuted decisions (law, verify: SoL 16 kap. 6 f §, LSS 28 f §)', () => {
  it('is three months, named in one place', () => {
    expect(UNEXECUTED_DECISION_LIMIT_MONTHS).toBe(3);
  });

  it('counts calendar months, ending on the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29'); // leap year
    expect(addCalendarMonths('2026-05-31', 3)).toBe('2026-08-31');
    expect(addCalendarMonths('2026-03-31', 3)).toBe('2026-06-30');
    expect(addCalendarMonths('2025-10-31', 3)).toBe('2026-01-31'); // over the new year
  });

  it('does not report a decision that has waited exactly three months on the quarter’s last day', () => {
    // Decided 30 June: the three months end on 30 September, the last day of Q3 — still in time that day.
    expect(assessDecision(waiting('2026-06-30'), quarterEnd('2026-Q3'))).toMatchObject({ status: 'not_yet_due', reportable: false, deadline: '2026-09-30' });
    // One day earlier, and the deadline has passed on 30 September.
    expect(assessDecision(waiting('2026-06-29'), quarterEnd('2026-Q3'))).toMatchObject({ status: 'overdue', reportable: true, deadline: '2026-09-29', waitedDays: 93 });
  });

  it('handles month ends: a decision of 31 March has until 30 June', () => {
    expect(assessDecision(waiting('2026-03-31'), '2026-06-30')).toMatchObject({ reportable: false, deadline: '2026-06-30' });
    expect(assessDecision(waiting('2026-03-30'), '2026-06-30')).toMatchObject({ reportable: false, deadline: '2026-06-30' });
    expect(assessDecision(waiting('2026-03-29'), '2026-06-30')).toMatchObject({ reportable: true, deadline: '2026-06-29' });
  });

  it('handles leap years: a decision of 30 November 2027 has until 29 February 2028, not 28', () => {
    expect(assessDecision(waiting('2027-11-30'), '2028-02-29')).toMatchObject({ reportable: false, deadline: '2028-02-29' });
    expect(assessDecision(waiting('2027-11-29'), '2028-03-31')).toMatchObject({ reportable: true, deadline: '2028-02-29' });
    // In a common year the same decision day ends on 28 February.
    expect(assessDecision(waiting('2026-11-30'), '2027-02-28')).toMatchObject({ reportable: false, deadline: '2027-02-28' });
    expect(assessDecision({ decisionDate: '2026-11-30', interruptedOn: null, executedOn: '2027-03-01' }, '2027-03-31')).toMatchObject({
      status: 'executed_late',
      reportable: true,
    });
  });

  it('reports a decision executed late, and never one executed on the last day', () => {
    expect(assessDecision({ decisionDate: '2026-01-10', interruptedOn: null, executedOn: '2026-04-10' }, '2026-06-30')).toMatchObject({ status: 'executed_in_time', reportable: false });
    expect(assessDecision({ decisionDate: '2026-01-10', interruptedOn: null, executedOn: '2026-04-11' }, '2026-06-30')).toMatchObject({
      status: 'executed_late',
      reportable: true,
      waited: { months: 3, days: 1 },
    });
  });

  it('counts from an interruption when execution was interrupted', () => {
    expect(assessDecision({ decisionDate: '2025-01-10', interruptedOn: '2026-08-01', executedOn: null }, '2026-09-30')).toMatchObject({ waitingSince: '2026-08-01', reportable: false });
    expect(assessDecision({ decisionDate: '2025-01-10', interruptedOn: '2026-06-01', executedOn: null }, '2026-09-30')).toMatchObject({ reportable: true });
  });

  it('can be configured (a change in the law is one number)', () => {
    expect(assessDecision(waiting('2026-08-15'), '2026-09-30', 1)).toMatchObject({ reportable: true, deadline: '2026-09-15' });
  });

  it('says how long a decision has waited', () => {
    expect(monthsAndDaysBetween('2026-01-31', '2026-03-15')).toEqual({ months: 1, days: 15 }); // 31 Jan + 1 month = 28 Feb
    expect(waitedText(monthsAndDaysBetween('2026-02-10', '2026-09-30'))).toBe('7 månader och 20 dagar');
    expect(waitedText({ months: 1, days: 0 })).toBe('1 månad');
    expect(waitedText({ months: 0, days: 1 })).toBe('1 dag');
  });

  it('knows quarters and real dates', () => {
    expect(quarterEnd('2028-Q1')).toBe('2028-03-31');
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31');
    expect(reportableQuarters('2026-11-23')).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(reportableQuarters('2027-01-01', 2)).toEqual(['2026-Q4', '2026-Q3']);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});

describe('checking one decision for a quarterly report', () => {
  const input = { decisionDate: '2026-05-04', law: 'SoL', kindOfHelp: 'sarskilt_boende', reason: 'resursbrist', interruptedOn: '', executedOn: '' };

  it('accepts a reportable decision, by code or by label, in any case', () => {
    const result = validateDecision({ ...input, law: 'sol', kindOfHelp: 'Särskilt boende för äldre', reason: 'Brist på lämplig plats eller resurs' }, '2026-Q3');
    expect(result).toMatchObject({ ok: true, decision: { law: 'SoL', kindOfHelp: 'sarskilt_boende', reason: 'resursbrist', timing: { status: 'overdue' } } });
  });

  it('rejects a decision that has not yet waited three months, saying how long it has waited', () => {
    const result = validateDecision({ ...input, decisionDate: '2026-07-15' }, '2026-Q3');
    expect(result).toEqual({ ok: false, errors: [{ field: 'decisionDate', message: expect.stringMatching(/väntat 2 månader och 15 dagar.*inte mer än 3 månader/) }] });
  });

  it('rejects a decision executed in time', () => {
    const result = validateDecision({ ...input, decisionDate: '2026-05-04', executedOn: '2026-08-04' }, '2026-Q3');
    expect(result).toEqual({ ok: false, errors: [{ field: 'executedOn', message: expect.stringContaining('inom 3 månader') }] });
  });

  it('rejects a kind of help under the wrong law, dates after the quarter and something like a personnummer', () => {
    expect(validateDecision({ ...input, law: 'LSS' }, '2026-Q3')).toMatchObject({ ok: false, errors: [{ field: 'kindOfHelp' }] });
    expect(validateDecision({ ...input, executedOn: '2026-10-01' }, '2026-Q3')).toMatchObject({ ok: false, errors: [{ field: 'executedOn' }] });
    expect(validateDecision({ ...input, reason: '19800101-1234' }, '2026-Q3')).toMatchObject({ ok: false, errors: [{ field: 'reason', message: expect.stringContaining('avidentifierad') }] });
  });
});
