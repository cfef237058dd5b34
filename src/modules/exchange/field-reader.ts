// Reads the fields of one exchange-format line: checks each field's type and range, reports what is
// wrong by field name, and keeps the fields it does not know so they can be stored and exported again.

export type ReportIssue = (field: string, message: string) => void;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A short rendering of a bad value for an error message. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MAX_INTEGER = 2_147_483_647;

interface NumberRule {
  required?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  /** The value must be strictly greater than this. */
  above?: number;
}

export class FieldReader {
  private readonly known = new Set<string>();

  constructor(
    private readonly record: Record<string, unknown>,
    private readonly report: ReportIssue,
  ) {}

  /** The raw value; null counts as absent. Reports a missing required field. */
  private take(field: string, required: boolean): unknown {
    this.known.add(field);
    const value = this.record[field];
    if (value === undefined || value === null) {
      if (required) this.report(field, 'is required');
      return undefined;
    }
    return value;
  }

  /** A string; `required` also refuses the empty string. */
  string(field: string, required = false): string | undefined {
    const value = this.take(field, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.report(field, `must be a string, got ${show(value)}`);
      return undefined;
    }
    if (required && value.trim() === '') {
      this.report(field, 'must not be empty');
      return undefined;
    }
    return value;
  }

  /** One code of a code list. */
  code(field: string, allowed: ReadonlySet<string>, required = false): string | undefined {
    const value = this.string(field, required);
    if (value === undefined) return undefined;
    if (!allowed.has(value)) {
      this.report(field, `unknown code ${show(value)}; expected one of ${[...allowed].join(', ')}`);
      return undefined;
    }
    return value;
  }

  /** An array of strings, each from `allowed` when given. */
  strings(field: string, allowed?: ReadonlySet<string>): string[] | undefined {
    const value = this.take(field, false);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report(field, `must be an array of strings, got ${show(value)}`);
      return undefined;
    }
    let ok = true;
    value.forEach((item, index) => {
      if (typeof item !== 'string') {
        this.report(`${field}[${index}]`, `must be a string, got ${show(item)}`);
        ok = false;
      } else if (allowed && !allowed.has(item)) {
        this.report(`${field}[${index}]`, `unknown code ${show(item)}; expected one of ${[...allowed].join(', ')}`);
        ok = false;
      }
    });
    return ok ? (value as string[]) : undefined;
  }

  number(field: string, rule: NumberRule = {}): number | undefined {
    const value = this.take(field, rule.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(field, `must be a number, got ${show(value)}`);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.report(field, `must be a whole number, got ${show(value)}`);
      return undefined;
    }
    // Whole numbers are stored as 32-bit integers.
    if (rule.integer && Math.abs(value) > MAX_INTEGER) {
      this.report(field, `must be at most ${MAX_INTEGER}, got ${show(value)}`);
      return undefined;
    }
    if (rule.above !== undefined && !(value > rule.above)) {
      this.report(field, `must be greater than ${rule.above}, got ${show(value)}`);
      return undefined;
    }
    if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
      const range = rule.max === undefined ? `at least ${rule.min}` : rule.min === undefined ? `at most ${rule.max}` : `between ${rule.min} and ${rule.max}`;
      this.report(field, `must be ${range}, got ${show(value)}`);
      return undefined;
    }
    return value;
  }

  boolean(field: string): boolean | undefined {
    const value = this.take(field, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.report(field, `must be true or false, got ${show(value)}`);
      return undefined;
    }
    return value;
  }

  /** A calendar date, `YYYY-MM-DD`; a date-time is accepted and its date part (as written) kept. */
  date(field: string, required = false): string | undefined {
    const value = this.string(field, required);
    if (value === undefined) return undefined;
    const dateTime = DATE_TIME.exec(value);
    const date = dateTime ? dateTime[1] : value;
    if (!isCalendarDate(date) || (dateTime && !isClockTime(dateTime))) {
      this.report(field, `must be a date YYYY-MM-DD, got ${show(value)}`);
      return undefined;
    }
    return date;
  }

  /**
   * A point in time: a date (`YYYY-MM-DD`, taken as midnight UTC) or an ISO 8601 date-time with a time zone.
   * Returned in a form PostgreSQL reads the same whatever its session time zone.
   */
  timestamp(field: string, required = false): string | undefined {
    const value = this.string(field, required);
    if (value === undefined) return undefined;
    if (isCalendarDate(value)) return `${value}T00:00:00Z`;
    const match = DATE_TIME.exec(value);
    if (!match || !isCalendarDate(match[1]) || !isClockTime(match)) {
      this.report(field, `must be a date YYYY-MM-DD or an ISO 8601 date-time, got ${show(value)}`);
      return undefined;
    }
    if (!match[6]) {
      this.report(field, `a date-time needs a time zone (Z or +01:00), got ${show(value)}`);
      return undefined;
    }
    return value.replace(' ', 'T');
  }

  /** An array of objects, each read by `readItem` with field names like `history[2].from`. */
  objects<T>(field: string, readItem: (reader: FieldReader, prefix: string) => T | undefined, required = false): T[] | undefined {
    const value = this.take(field, required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report(field, `must be an array, got ${show(value)}`);
      return undefined;
    }
    const items: T[] = [];
    let ok = true;
    value.forEach((item, index) => {
      const prefix = `${field}[${index}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        this.report(prefix, `must be an object, got ${show(item)}`);
        ok = false;
        return;
      }
      let itemOk = true;
      const reader = new FieldReader(item as Record<string, unknown>, (f, message) => {
        itemOk = false;
        this.report(`${prefix}.${f}`, message);
      });
      const read = readItem(reader, prefix);
      if (!itemOk || read === undefined) ok = false;
      else items.push(read);
    });
    return ok ? items : undefined;
  }

  /** The fields no reader asked for, kept as they came. */
  extra(): Record<string, unknown> {
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.record)) {
      // defineProperty, so that even a field named __proto__ stays an ordinary field.
      if (!this.known.has(key)) Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return extra;
  }
}

function isClockTime(match: RegExpExecArray): boolean {
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  return hours < 24 && minutes < 60 && seconds < 60 && isZoneOffset(match[6]);
}

/** Z, or an offset of at most 14 hours (the largest on Earth; the database refuses beyond 15:59). */
function isZoneOffset(zone: string | undefined): boolean {
  if (!zone || zone === 'Z' || zone === 'z') return true;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
  return minutes < 60 && hours * 60 + minutes <= 14 * 60;
}
