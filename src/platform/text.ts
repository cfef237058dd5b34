// Small helpers for Swedish text that more than one module writes.

/**
 * The text with its first letter in lower case, for use inside a sentence ("Skriv datumet …" → "skriv datumet
 * …", "Vårdcentral" → "vårdcentral"). A word that starts with two capitals is an abbreviation and stays
 * ("HVB (hem för vård eller boende)").
 */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase('sv') + text.slice(1) : text;
}
