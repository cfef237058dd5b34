// Small helpers for Swedish text that more than one module writes.

/**
 * The text with its first letter in lower case, for use inside a sentence ("Skriv datumet …" → "skriv datumet
 * …", "Vårdcentral" → "vårdcentral"). A word that starts with two capitals is an abbreviation and stays
 * ("HVB (hem för vård eller boende)").
 */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase('sv') + text.slice(1) : text;
}

/** The longest diarienummer a person can type to link a case. */
export const MAX_CASE_REF_LENGTH = 60;
const CASE_REF = /^[\p{L}\d][\p{L}\d .\-/:]*$/u;

/** A diarienummer as typed ("3.5.1-12345/2026"), trimmed and its spaces collapsed. */
export function normaliseCaseRef(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ');
}

/**
 * Why a typed diarienummer cannot be one, or null: letters, digits, spaces and . - / : only, at most
 * MAX_CASE_REF_LENGTH characters. Triage and the risk alerts both link cases by it.
 */
export function caseRefFormatProblem(ref: string): string | null {
  if (ref.length > MAX_CASE_REF_LENGTH) return `Skriv högst ${MAX_CASE_REF_LENGTH} tecken`;
  return CASE_REF.test(ref) ? null : 'Diarienumret får bara innehålla bokstäver, siffror, mellanslag och . - / :';
}
