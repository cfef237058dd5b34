// Small readers of posted forms and dates for the investigation's routes and use cases.
import type { FieldError } from '../../../platform/errors.ts';

type Body = Record<string, unknown>;

/** A posted or queried value as one string ('' when absent or not a string). */
export function stringOf(source: unknown, name: string): string {
  const value = source && typeof source === 'object' ? (source as Body)[name] : undefined;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** A posted value that may repeat (checkboxes) as a list of strings. */
export function stringsOf(source: unknown, name: string): string[] {
  const value = source && typeof source === 'object' ? (source as Body)[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

const PERSONNUMMER = /\b(19|20)?\d{6}[-+]?\d{4}\b/;

/** Free text, trimmed with plain line breaks; an error naming the field when empty or too long. */
export function readText(errors: FieldError[], field: string, raw: string, options: { what: string; label: string; max: number; optional?: boolean; isPublic?: boolean }): string {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) {
    if (!options.optional) errors.push({ field, message: `Skriv ${options.what}` });
  } else if (text.length > options.max) {
    errors.push({ field, message: `${options.label} får vara högst ${options.max.toLocaleString('sv-SE')} tecken (nu ${text.length.toLocaleString('sv-SE')})` });
  } else if (options.isPublic && PERSONNUMMER.test(text)) {
    errors.push({ field, message: `${options.label} är offentlig: skriv den utan personnummer` });
  }
  return text;
}
