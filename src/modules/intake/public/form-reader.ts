import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.ts';
import type { UploadedFile } from './attachments.ts';

// Reading a public form: the same whether it came as multipart (with files), urlencoded or JSON, and robust to
// anything a robot might send — missing fields, repeated fields, numbers, objects, megabytes of text. Every
// problem becomes a field error in plain Swedish; nothing here throws for bad input.

export interface RawForm {
  fields: Map<string, string[]>;
  /** Fields that came with something other than text, or were cut off at the size limit. */
  badFields: Map<string, 'type' | 'too_long'>;
  files: UploadedFile[];
  /** More files than allowed were sent (the extra ones were not read). */
  tooManyFiles: boolean;
  /** Names of files larger than allowed (not kept). */
  tooLargeFiles: string[];
  /** The form had more parts than any real form of ours has, or its multipart body was broken. */
  unreadable: boolean;
}

export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  /** The field the files come in. */
  fileField: string;
}

function emptyForm(): RawForm {
  return { fields: new Map(), badFields: new Map(), files: [], tooManyFiles: false, tooLargeFiles: [], unreadable: false };
}

/** An urlencoded or JSON body (already parsed by Fastify) as a raw form. */
export function formFromBody(body: unknown): RawForm {
  const form = emptyForm();
  if (!body || typeof body !== 'object' || Array.isArray(body)) return form;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') form.fields.set(name, [value]);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) form.fields.set(name, value as string[]);
    else form.badFields.set(name, 'type');
  }
  return form;
}

const LIMIT_ERRORS = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** A multipart body, read part by part: files up to the limits are kept in memory, the rest drained. */
export async function readMultipartForm(request: FastifyRequest, limits: UploadLimits): Promise<RawForm> {
  const form = emptyForm();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // A file input left empty arrives as a part with no name and no content.
        const wanted = part.fieldname === limits.fileField && part.filename !== '';
        if (!wanted || form.files.length >= limits.maxFiles) {
          if (wanted) form.tooManyFiles = true;
          part.file.resume();
          await new Promise<void>((resolve, reject) => part.file.once('end', resolve).once('error', reject));
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) form.tooLargeFiles.push(part.filename);
        else form.files.push({ clientName: part.filename, content: Buffer.concat(chunks) });
      } else {
        if (part.fieldnameTruncated) continue;
        if (part.valueTruncated) form.badFields.set(part.fieldname, 'too_long');
        else if (typeof part.value !== 'string') form.badFields.set(part.fieldname, 'type');
        else form.fields.set(part.fieldname, [...(form.fields.get(part.fieldname) ?? []), part.value]);
      }
    }
  } catch (error) {
    // Whatever breaks here was sent by the client: a limit reached or a malformed body, never our fault.
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_FILES_LIMIT') form.tooManyFiles = true;
    else form.unreadable = true;
    // Only the error's code: a parser's message may quote what was sent.
    if (!LIMIT_ERRORS.has(code)) request.log.info({ code: code || 'unknown' }, 'unreadable multipart form');
  }
  return form;
}

/** The form of a request, whichever way it was sent. */
export async function readForm(request: FastifyRequest, limits: UploadLimits): Promise<RawForm> {
  return request.isMultipart() ? readMultipartForm(request, limits) : formFromBody(request.body);
}

/** Reads fields one by one, keeping what the person typed (for the page shown again) and the errors. */
export class FormReader {
  readonly errors: FieldError[] = [];

  constructor(readonly form: RawForm) {}

  error(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }

  hasError(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }

  /** The field's single value as sent ('' when missing); a repeated or non-text value is an error. */
  raw(field: string, label: string): string {
    const bad = this.form.badFields.get(field);
    if (bad === 'too_long') {
      this.error(field, `${label} är alldeles för lång för att tas emot. Korta den och skicka igen.`);
      return '';
    }
    const values = this.form.fields.get(field);
    if (bad === 'type' || (values && values.length > 1)) {
      this.error(field, `${label} har fel format. Skicka formuläret från sidan igen.`);
      return '';
    }
    return values?.[0] ?? '';
  }

  /** Text, trimmed; `required` is the message when it is empty. */
  text(field: string, options: { label: string; max: number; required?: string; multiline?: boolean }): string {
    const raw = this.raw(field, options.label);
    // Line breaks are kept in multi-line text, made plain everywhere; other control characters are dropped.
    const value = (options.multiline ? raw.replace(/\r\n?/g, '\n') : raw.replace(/[\r\n\t]+/g, ' '))
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .trim();
    if (!value && options.required) this.error(field, options.required);
    else if (value.length > options.max) this.error(field, `${options.label} får vara högst ${options.max.toLocaleString('sv-SE')} tecken. Du har skrivit ${value.length.toLocaleString('sv-SE')}.`);
    // Given back whole, so nothing someone wrote is lost while they shorten it (the request's size limits
    // bound how large that can be).
    return value;
  }

  /** One of the allowed values, or '' when nothing was chosen. */
  choice<T extends string>(field: string, allowed: readonly T[], options: { label: string; required?: string }): T | '' {
    const raw = this.raw(field, options.label).trim();
    if (raw === '') {
      if (options.required) this.error(field, options.required);
      return '';
    }
    if (!allowed.includes(raw as T)) {
      this.error(field, `Välj ett av alternativen för ${options.label.toLocaleLowerCase('sv')}.`);
      return '';
    }
    return raw as T;
  }

  /** Several of the allowed values (checkboxes). */
  choices<T extends string>(field: string, allowed: readonly T[], options: { label: string; required?: string }): T[] {
    if (this.form.badFields.has(field)) {
      this.error(field, `${options.label} har fel format. Skicka formuläret från sidan igen.`);
      return [];
    }
    const values = (this.form.fields.get(field) ?? []).filter((v) => v !== '');
    if (values.some((v) => !allowed.includes(v as T))) {
      this.error(field, `Välj bland alternativen för ${options.label.toLocaleLowerCase('sv')}.`);
      return [];
    }
    if (values.length === 0 && options.required) this.error(field, options.required);
    return [...new Set(values as T[])];
  }
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/**
 * A GOV.UK date input (day, month, year in three fields named `<field>-day` …): an ISO date, or '' when all
 * three are empty and the date is optional. A date in the future or before 1900 is an error.
 */
export function readDate(reader: FormReader, field: string, options: { label: string; required?: string; today: string; /** In place of every message about a wrong or incomplete date. */ wrong?: string }): { parts: DateParts; iso: string } {
  const parts = {
    day: reader.text(`${field}-day`, { label: `Dag i ${options.label.toLocaleLowerCase('sv')}`, max: 2 }),
    month: reader.text(`${field}-month`, { label: `Månad i ${options.label.toLocaleLowerCase('sv')}`, max: 2 }),
    year: reader.text(`${field}-year`, { label: `År i ${options.label.toLocaleLowerCase('sv')}`, max: 4 }),
  };
  // Errors of the three inputs are reported once, on the date as a whole.
  const partErrors = reader.errors.filter((e) => e.field.startsWith(`${field}-`));
  if (partErrors.length > 0) {
    reader.errors.splice(0, reader.errors.length, ...reader.errors.filter((e) => !e.field.startsWith(`${field}-`)));
    reader.error(field, options.wrong ?? `${options.label} måste vara ett riktigt datum, till exempel 27 3 2026.`);
    return { parts, iso: '' };
  }
  if (!parts.day && !parts.month && !parts.year) {
    if (options.required) reader.error(field, options.required);
    return { parts, iso: '' };
  }
  const missing = [!parts.day && 'dag', !parts.month && 'månad', !parts.year && 'år'].filter(Boolean);
  if (missing.length > 0) {
    reader.error(field, options.wrong ?? `${options.label} måste innehålla ${missing.join(' och ')}.`);
    return { parts, iso: '' };
  }
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    reader.error(field, options.wrong ?? `${options.label} måste vara ett riktigt datum, till exempel 27 3 2026.`);
    return { parts, iso: '' };
  }
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
    reader.error(field, options.wrong ?? `${options.label} måste vara ett riktigt datum, till exempel 27 3 2026.`);
    return { parts, iso: '' };
  }
  const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (iso > options.today) {
    reader.error(field, `${options.label} kan inte vara i framtiden.`);
    return { parts, iso: '' };
  }
  return { parts, iso };
}
