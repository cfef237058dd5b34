import { describe, expect, it } from 'vitest';
import { checkReportCompleteness, flagKey, type Action, type ReportInvestigation } from '../../src/modules/intake/provider/check-report-completeness.ts';
import { reportKindsForUnit, wrongKindMessage } from '../../src/modules/intake/provider/report-kinds.ts';

const removes: Action = { description: 'Dubbelkontroll av insulindos införs i journalsystemet', owner: 'Verksamhetschef', dueDate: '2026-12-31', effect: 'eliminates' };
const reduces: Action = { description: 'Utbildning i läkemedelshantering', owner: 'Medicinskt ansvarig sjuksköterska', dueDate: '2027-02-01', effect: 'reduces' };

const complete: ReportInvestigation = {
  rootCauses: [{ category: 'rutiner', description: 'Rutinen för dubbelkontroll följdes inte på natten.' }],
  actions: [removes, reduces],
  followUp: 'Stickprov i journalen varje månad under ett år; resultatet redovisas i ledningsgruppen.',
};

const codes = (report: ReportInvestigation) => checkReportCompleteness(report).flags.map(flagKey);

describe('the completeness check of a lex Maria or lex Sarah report', () => {
  it('passes a report with root causes, actions with owner and date of which one removes the risk, and a follow-up plan', () => {
    expect(checkReportCompleteness(complete)).toEqual({ complete: true, flags: [] });
  });

  it('flags a report without identified root causes', () => {
    const result = checkReportCompleteness({ ...complete, rootCauses: [] });
    expect(result.complete).toBe(false);
    expect(result.flags).toEqual([expect.objectContaining({ code: 'no_root_causes', message: expect.stringContaining('bakomliggande orsaker') })]);
  });

  it('flags a report without actions (and does not also complain that no action removes the risk)', () => {
    expect(codes({ ...complete, actions: [] })).toEqual(['no_actions']);
  });

  it('flags each action that lacks an owner or a date, naming the action', () => {
    const result = checkReportCompleteness({ ...complete, actions: [removes, { ...reduces, owner: '  ', dueDate: '' }] });
    expect(result.flags.map(flagKey)).toEqual(['action_without_owner:2', 'action_without_due_date:2']);
    expect(result.flags[0].message).toBe('Åtgärd 2 saknar ansvarig.');
  });

  it('flags a report whose actions only reduce the risk (the seed’s key finding)', () => {
    expect(codes({ ...complete, actions: [reduces, { ...reduces, description: 'Påminnelse på arbetsplatsträff' }] })).toEqual(['no_action_removes_risk']);
  });

  it('flags a report without a follow-up plan', () => {
    expect(codes({ ...complete, followUp: ' \n ' })).toEqual(['no_follow_up']);
  });

  it('flags everything that is missing at once, in a fixed order', () => {
    expect(codes({ rootCauses: [], actions: [], followUp: '' })).toEqual(['no_root_causes', 'no_actions', 'no_follow_up']);
  });
});

describe('which report a unit can be the subject of', () => {
  it('gives healthcare lex Maria, social services and LSS lex Sarah', () => {
    expect(reportKindsForUnit({ form: 'vardcentral', operation_codes: ['A10'] })).toEqual(['lex_maria']);
    expect(reportKindsForUnit({ form: 'hvb', operation_codes: null })).toEqual(['lex_sarah']);
    expect(reportKindsForUnit({ form: 'lss_bostad', operation_codes: [] })).toEqual(['lex_sarah']);
  });

  it('gives a särskilt boende with kommunal hälso- och sjukvård both', () => {
    expect(reportKindsForUnit({ form: 'sabo', operation_codes: ['A80'] })).toEqual(['lex_sarah', 'lex_maria']);
  });

  it('decides an `other` unit by whether it is in the healthcare provider register', () => {
    expect(reportKindsForUnit({ form: 'other', operation_codes: ['A50'] })).toEqual(['lex_maria']);
    expect(reportKindsForUnit({ form: 'other', operation_codes: null })).toEqual(['lex_sarah']);
  });

  it('explains in Swedish why lex Sarah does not apply to a vårdcentral', () => {
    expect(wrongKindMessage('lex_sarah', { name: 'Vårdcentralen Fruängen', form: 'vardcentral', operation_codes: ['A10'] })).toMatch(/hälso- och sjukvård.*lex Maria/);
    expect(wrongKindMessage('lex_maria', { name: 'Vårdcentralen Fruängen', form: 'vardcentral', operation_codes: ['A10'] })).toBeNull();
  });
});
