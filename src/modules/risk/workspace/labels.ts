import { LEGAL_FORMS, PERMIT_STATUSES, RISK_AREAS, UNIT_FORMS } from '../../registry/codes.ts';
import { lowerFirst } from '../../../platform/text.ts';
import { OUTCOME_LABELS } from '../explain.ts';

// Swedish words and number and date formats of the risk workspace (the dates other modules write too are in
// platform/dates.ts).

export const collator = new Intl.Collator('sv');

const twoDecimals = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const shortDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('sv-SE', { month: 'short', year: '2-digit', timeZone: 'UTC' });

// Intl writes a minus sign (U+2212) and a narrow no-break space in sv-SE; both read well and copy oddly, so
// plain ones are used.
const plain = (text: string) => text.replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');

/** 0.8734 → "0,87". */
export const formatScore = (x: number) => plain(twoDecimals.format(x));
export const formatDecimal2 = (x: number) => plain(twoDecimals.format(x));
export const formatDecimal1 = (x: number) => plain(oneDecimal.format(x));
/** An expected count: one decimal, or two below 1 so a small unit's 0,03 does not read as 0,0. */
export const formatExpected = (x: number) => (x > 0 && x < 0.95 ? formatDecimal2(x) : formatDecimal1(x));
export const formatInteger = (x: number) => plain(integer.format(x));
/** "2026-11-28" → "28 nov. 2026". */
export const formatShortDate = (date: string) => shortDate.format(new Date(`${date}T00:00:00Z`));
/** "2026-11" → "nov. 26". */
export const formatMonthShort = (month: string) => monthShort.format(new Date(`${month}-01T00:00:00Z`));

/** Observed / expected, or null when nothing was expected. */
export const ratioOf = (observed: number, expected: number): number | null => (expected > 0 ? observed / expected : null);
export const formatRatio = (ratio: number | null) => (ratio === null ? 'saknas' : formatDecimal2(ratio));

export const formLabel = (code: string) => (UNIT_FORMS as Record<string, string>)[code] ?? code;
/** The form's name inside a sentence: "vårdcentral", but "HVB (hem för vård eller boende)" as it is. */
export const formLabelInText = (code: string) => lowerFirst(formLabel(code));
export const riskAreaLabel = (code: string) => (RISK_AREAS as Record<string, string>)[code] ?? code;
export const outcomeLabel = (code: string) => {
  const label = OUTCOME_LABELS[code] ?? code;
  return label.charAt(0).toUpperCase() + label.slice(1);
};
export const legalFormLabel = (code: string) => (LEGAL_FORMS as Record<string, { label: string }>)[code]?.label ?? code;
export const permitStatusLabel = (code: string) => (PERMIT_STATUSES as Record<string, { label: string }>)[code]?.label ?? code;

/** Hard triggers: short tag text and a sentence. */
export const TRIGGER_LABELS: Record<string, { tag: string; text: string }> = {
  acute_signal: { tag: 'Akut signal', text: 'En akut signal har kommit in de senaste 14 dagarna.' },
  permit_status: { tag: 'Förbud eller återkallelse', text: 'Verksamheten har ett förbud eller ett återkallat tillstånd (även överklagat eller inhiberat).' },
};
export const triggerTag = (code: string) => TRIGGER_LABELS[code]?.tag ?? code;
export const triggerText = (code: string) => TRIGGER_LABELS[code]?.text ?? code;

/** "1 verksamhet", "2 verksamheter". */
export const unitsText = (n: number) => `${formatInteger(n)} ${n === 1 ? 'verksamhet' : 'verksamheter'}`;
export const signalsText = (n: number) => `${formatInteger(n)} ${n === 1 ? 'signal' : 'signaler'}`;
