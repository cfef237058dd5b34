// One unexecuted decision, checked the same way whether it came from the form or from a line of a CSV file.
import { DELAY_REASONS, findDelayReason, findKindOfHelp, findLaw, KINDS_OF_HELP, type DelayReason, type KindOfHelp, type Law } from './decision-codes.ts';
import { assessDecision, isIsoDate, quarterEnd, quarterStart, UNEXECUTED_DECISION_LIMIT_MONTHS, waitedText, type DecisionTiming } from './three-month-rule.ts';
import { formatLongDate } from '../../../../platform/dates.ts';

/** The fields of one decision as written, every one a string (empty when not given). */
export interface DecisionInput {
  decisionDate: string;
  law: string;
  kindOfHelp: string;
  reason: string;
  interruptedOn: string;
  executedOn: string;
}
export type DecisionField = keyof DecisionInput;

export interface ValidDecision {
  decisionDate: string;
  law: Law;
  kindOfHelp: KindOfHelp;
  reason: DelayReason | null;
  interruptedOn: string | null;
  executedOn: string | null;
  timing: DecisionTiming;
}

export interface DecisionError {
  field: DecisionField;
  message: string;
}

/** A date of the swedish "2026-03-15" kind, written on a form or a CSV line. */
const DATE_FORMAT_MESSAGE = 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.';
/** Something that looks like a personnummer (YYMMDD-NNNN or YYYYMMDDNNNN): reports are de-identified. */
const PERSONNUMMER_LIKE = /(^|\D)(\d{2})?\d{6}[-+ ]?\d{4}(\D|$)/;

export function looksLikePersonnummer(value: string): boolean {
  return PERSONNUMMER_LIKE.test(value);
}

/**
 * Checks one decision for a report of `quarter` (e.g. "2026-Q3"), as of the quarter's last day: the fields,
 * and that the three-month rule makes it reportable. Returns every problem, each naming its field.
 */
export function validateDecision(input: DecisionInput, quarter: string): { ok: true; decision: ValidDecision } | { ok: false; errors: DecisionError[] } {
  const errors: DecisionError[] = [];
  const asOf = quarterEnd(quarter);
  const fail = (field: DecisionField, message: string) => errors.push({ field, message });

  for (const [field, value] of Object.entries(input) as [DecisionField, string][]) {
    if (looksLikePersonnummer(value) && !isIsoDate(value.trim())) {
      fail(field, 'Uppgiften ser ut som ett personnummer. Rapporten ska vara avidentifierad – ta bort den.');
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const date = (field: DecisionField, required: boolean): string | null => {
    const value = input[field].trim();
    if (!value) {
      if (required) fail(field, 'Ange beslutsdatum.');
      return null;
    }
    if (!isIsoDate(value)) {
      fail(field, DATE_FORMAT_MESSAGE);
      return null;
    }
    if (value > asOf) {
      fail(field, `Datumet ${value} är efter kvartalets sista dag (${formatLongDate(asOf)}). Rapporten beskriver läget den dagen.`);
      return null;
    }
    return value;
  };

  const decisionDate = date('decisionDate', true);
  const interruptedOn = date('interruptedOn', false);
  const executedOn = date('executedOn', false);

  const law = input.law.trim() ? findLaw(input.law) : undefined;
  if (!input.law.trim()) fail('law', 'Ange lag: SoL eller LSS.');
  else if (!law) fail('law', `”${input.law.trim()}” är ingen lag som rapporteras. Skriv SoL eller LSS.`);

  let kindOfHelp: KindOfHelp | undefined;
  if (!input.kindOfHelp.trim()) fail('kindOfHelp', 'Ange vilken insats beslutet gäller.');
  else {
    kindOfHelp = findKindOfHelp(input.kindOfHelp);
    if (!kindOfHelp) fail('kindOfHelp', `”${input.kindOfHelp.trim()}” finns inte i listan över insatser.`);
    else if (law && KINDS_OF_HELP[kindOfHelp].law !== law) {
      fail('kindOfHelp', `Insatsen ${KINDS_OF_HELP[kindOfHelp].label.toLowerCase()} beviljas enligt ${KINDS_OF_HELP[kindOfHelp].law}, inte ${law}.`);
    }
  }

  let reason: DelayReason | null = null;
  if (input.reason.trim()) {
    reason = findDelayReason(input.reason) ?? null;
    if (!reason) fail('reason', `”${input.reason.trim()}” finns inte i listan över orsaker. Välj en av: ${Object.values(DELAY_REASONS).join(', ')}.`);
  }

  if (decisionDate && interruptedOn && interruptedOn < decisionDate) fail('interruptedOn', 'Datumet för avbrott kan inte vara före beslutsdatum.');
  if (decisionDate && executedOn && executedOn < decisionDate) fail('executedOn', 'Datumet för verkställighet kan inte vara före beslutsdatum.');
  if (interruptedOn && executedOn && executedOn < interruptedOn) fail('executedOn', 'Datumet för verkställighet kan inte vara före avbrottet.');
  // A decision executed before the quarter belongs to the report of the quarter it was executed in.
  const firstDay = quarterStart(quarter);
  if (executedOn && executedOn < firstDay && !errors.some((e) => e.field === 'executedOn')) {
    fail('executedOn', `Beslutet verkställdes ${formatLongDate(executedOn)}, före kvartalets första dag (${formatLongDate(firstDay)}). Rapportera det för det kvartal då det verkställdes.`);
  }

  if (errors.length > 0 || !decisionDate || !law || !kindOfHelp) return { ok: false, errors };

  const timing = assessDecision({ decisionDate, interruptedOn, executedOn }, asOf);
  const limit = `${UNEXECUTED_DECISION_LIMIT_MONTHS} månader`;
  if (timing.status === 'not_yet_due') {
    return {
      ok: false,
      errors: [
        {
          field: interruptedOn ? 'interruptedOn' : 'decisionDate',
          message: `Beslutet hade väntat ${waitedText(timing.waited)} den ${formatLongDate(asOf)} – inte mer än ${limit} (gränsen är ${formatLongDate(timing.deadline)}). Det ska inte rapporteras för det här kvartalet.`,
        },
      ],
    };
  }
  if (timing.status === 'executed_in_time') {
    return {
      ok: false,
      errors: [
        {
          field: 'executedOn',
          message: `Beslutet verkställdes inom ${limit} (senast ${formatLongDate(timing.deadline)}) och ska inte rapporteras.`,
        },
      ],
    };
  }
  return { ok: true, decision: { decisionDate, law, kindOfHelp, reason, interruptedOn, executedOn, timing } };
}
