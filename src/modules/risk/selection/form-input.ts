import { AppError } from '../../../platform/errors.ts';

// The validation boundary of the selection pages: posted and queried values as plain strings, and the few
// checks every form shares, each failing with a Swedish message that names the field.

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

const count = (n: number) => n.toLocaleString('sv-SE');

/** Trimmed free text; '' is allowed only when `required` is false. Throws a validation error naming the field. */
export function readText(value: string, field: string, options: { label: string; missing: string; maxLength: number; required?: boolean }): string {
  const text = value.replace(/\r\n/g, '\n').trim();
  if (!text && options.required !== false) throw AppError.validation([{ field, message: options.missing }]);
  if (text.length > options.maxLength) {
    throw AppError.validation([{ field, message: `${options.label} får vara högst ${count(options.maxLength)} tecken (nu ${count(text.length)})` }]);
  }
  return text;
}

/** A whole number in [min, max], written with digits only. */
export function parseWholeNumber(value: string): number | null {
  const text = value.trim().replace(/\s/g, '');
  if (!/^\d{1,12}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** A decimal number, Swedish or English decimal sign (-1,5 or -1.5). */
export function parseDecimal(value: string): number | null {
  const text = value.trim().replace(/\s/g, '').replace(',', '.').replace('−', '-');
  if (!/^-?\d{1,9}(\.\d{1,6})?$/.test(text)) return null;
  return Number(text);
}

/** Collects field errors and throws them together, so a form shows every problem at once. */
export class FieldErrors {
  readonly list: { field: string; message: string }[] = [];
  add(field: string, message: string): void {
    if (!this.list.some((e) => e.field === field)) this.list.push({ field, message });
  }
  /** Runs a check that may throw a validation error, keeping its fields. */
  collect<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        for (const f of error.fields) this.add(f.field, f.message);
        return undefined;
      }
      throw error;
    }
  }
  throwIfAny(what: string): void {
    if (this.list.length > 0) throw AppError.validation(this.list, what);
  }
}
