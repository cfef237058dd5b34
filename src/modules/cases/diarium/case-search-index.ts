// The diarium search of the embedded database, answered from memory. PGlite is one WebAssembly connection on
// the event loop's thread: every search through SQL waits for the one before it, which put the staff case
// list's p95 at 70–90 ms with 200,000 cases and ten people searching (PostgreSQL, with real parallel
// connections, stays near 30 ms on the SQL of search-cases.ts and keeps it).
//
// Every case is held with what the list shows and the words PostgreSQL itself made of it (the lexemes of
// search_vector), so a search means here exactly what it means in SQL: every word whole, the last one also
// as a beginning, or the diarienummer by its beginning; then the filters; newest first. Before each search
// the index reads the cases whose change number (migration 007) is above the highest it has seen: one
// indexed round trip, shared by the searches that arrive together, that returns nothing when nothing
// changed. On PGlite a transaction holds the only connection until it ends, so when that query runs no
// change is half-made: every number below the highest it returns is committed or gone, none is missed.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { CaseStatus, CaseType } from '../../../platform/db/schema.ts';
import {
  CASE_PAGE_SIZE, MAX_CASE_PAGE, diarienummerPrefixOf, wordsOf,
  type CaseListRow, type CaseScope, type CaseSearch, type CaseSearchResult,
} from './search-cases.ts';

interface IndexedCase {
  row: CaseListRow;
  /** Microseconds since 1970 of opened_at: the list's order is (opened_at, id) newest first. */
  openedAt: number;
  responsible: string | null;
  lexemes: string[];
  /** Place in the newest-first order (kept by #renumber). */
  position: number;
}

/** A case as read from the database. */
interface CaseRecord extends CaseListRow {
  opened_micros: number;
  responsible: string | null;
  lexemes: string[] | null;
  change_seq: number;
}

/** Cases read per query: the first load of a large diarium comes in pieces, so other queries get turns between them. */
const READ_BATCH = 10_000;

/** The cases whose change number is above `after`, lowest first, at most READ_BATCH of them. */
async function readCases(db: Db, after: number): Promise<CaseRecord[]> {
  const { rows } = await sql<CaseRecord>`
    SELECT c.id, c.diarienummer, c.title, c.case_type, c.status,
           to_char(c.opened_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS opened_on,
           (extract(epoch FROM c.opened_at) * 1000000)::float8 AS opened_micros,
           c.due_on, c.department_code, u.name AS unit_name, c.responsible, c.responsible_name,
           tsvector_to_array(c.search_vector) AS lexemes, c.change_seq
    FROM case_file c LEFT JOIN unit u ON u.id = c.unit_id
    WHERE c.change_seq > ${after}
    ORDER BY c.change_seq
    LIMIT ${READ_BATCH}
  `.execute(db);
  return rows;
}

/** Newest first: later opened_at, then higher id. */
const newestFirst = (a: IndexedCase, b: IndexedCase) => b.openedAt - a.openedAt || b.row.id - a.row.id;

/** The first index in `sorted` whose value is ≥ `value` (sorted ascending by `key`). */
function lowerBound<T>(sorted: readonly T[], value: string, key: (item: T) => string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(sorted[middle]) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

const diarienummerOf = (entry: IndexedCase) => entry.row.diarienummer;

/** Candidates beyond this many are not gathered and sorted: the search walks the list in order instead. */
const MAX_GATHERED = 20_000;

export interface CaseSearchIndexOptions {
  /** See MAX_GATHERED (tests lower it to walk the list more often). */
  maxGathered?: number;
}

export class CaseSearchIndex {
  readonly #db: Db;
  readonly #maxGathered: number;
  #version = 0;
  readonly #byId = new Map<number, IndexedCase>();
  /** Every case, newest first. */
  #order: IndexedCase[] = [];
  /** The cases of each lexeme (in no particular order). */
  readonly #postings = new Map<string, IndexedCase[]>();
  /** The lexemes in code-unit order, for the beginning of the last word (built at the first search). */
  #sortedLexemes: string[] | null = null;
  /** The cases by diarienummer in code-unit order, for its beginning (built at the first search). */
  #byDiarienummer: IndexedCase[] | null = null;
  /** #order holds cases appended unsorted (the first load); otherwise only positions may be stale. */
  #unsorted = false;
  #positionsStale = false;
  readonly #strings = new Map<string, string>();
  readonly #intern = (value: string): string => {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  };
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(db: Db, options: CaseSearchIndexOptions = {}) {
    this.#db = db;
    this.#maxGathered = options.maxGathered ?? MAX_GATHERED;
  }

  /** One page of cases, as findCases in search-cases.ts gives it. */
  async search(scope: CaseScope, search: CaseSearch): Promise<CaseSearchResult> {
    await this.#current();
    return this.#find(scope, search);
  }

  // ---- keeping up with the database ---------------------------------------------------------------

  /** Brings the index up to the database, by a check that started after the caller arrived. */
  #current(): Promise<void> {
    if (this.#next) return this.#next;
    const ignore = () => undefined;
    const turn = this.#running ? this.#running.then(ignore, ignore) : new Promise<void>((resolve) => setImmediate(resolve));
    const next = turn.then(() => {
      this.#next = undefined;
      const check = this.#check().finally(() => {
        if (this.#running === check) this.#running = undefined;
      });
      this.#running = check;
      return check;
    });
    this.#next = next;
    return next;
  }

  async #check(): Promise<void> {
    for (;;) {
      const changed = await readCases(this.#db, this.#version);
      for (const record of changed) {
        this.#apply(record);
        this.#version = Number(record.change_seq);
      }
      if (changed.length < READ_BATCH) return;
    }
  }

  /** Loads the cases now (at start), so the first person to search does not wait for it. */
  warm(): Promise<void> {
    return this.#current();
  }

  #apply(record: CaseRecord): void {
    const { opened_micros, responsible: maybeResponsible, lexemes: maybeLexemes, change_seq: _changeSeq, ...row } = record;
    row.id = Number(row.id);
    // The same words, types, departments and names recur across 200,000 cases: one string each, not one per case.
    const lexemes = (maybeLexemes ?? []).map(this.#intern);
    row.case_type = this.#intern(row.case_type) as CaseType;
    row.status = this.#intern(row.status) as CaseStatus;
    row.opened_on = this.#intern(row.opened_on);
    for (const key of ['due_on', 'department_code', 'unit_name', 'responsible_name'] as const) row[key] = row[key] === null ? null : this.#intern(row[key]);
    const responsible = maybeResponsible === null ? null : this.#intern(maybeResponsible);
    const openedAt = Number(opened_micros);
    const existing = this.#byId.get(row.id);
    if (existing) {
      if (existing.openedAt !== openedAt) {
        if (!this.#unsorted) this.#order.splice(this.#placeOf(existing), 1);
        existing.openedAt = openedAt;
        if (!this.#unsorted) this.#insertInOrder(existing);
      }
      // A diarienummer is never changed; should one be, the sorted list is built again.
      if (existing.row.diarienummer !== row.diarienummer) this.#byDiarienummer = null;
      if (existing.lexemes.join(' ') !== lexemes.join(' ')) {
        this.#unpost(existing);
        existing.lexemes = lexemes;
        this.#post(existing);
      }
      existing.row = row;
      existing.responsible = responsible;
      return;
    }
    const entry: IndexedCase = { row, openedAt, responsible, lexemes, position: 0 };
    this.#byId.set(row.id, entry);
    this.#insertInOrder(entry);
    this.#post(entry);
    if (this.#byDiarienummer) this.#byDiarienummer.splice(lowerBound(this.#byDiarienummer, row.diarienummer, diarienummerOf), 0, entry);
  }

  /** Where an entry stands in #order now (binary search on its sort key). */
  #placeOf(entry: IndexedCase): number {
    let low = 0;
    let high = this.#order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(this.#order[middle], entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #insertInOrder(entry: IndexedCase): void {
    // The first load arrives unordered and all at once: appended, and sorted once at the next search.
    if (this.#order.length === 0 || this.#unsorted) {
      this.#order.push(entry);
      this.#unsorted = true;
    } else this.#order.splice(this.#placeOf(entry), 0, entry);
    this.#positionsStale = true;
  }

  #post(entry: IndexedCase): void {
    for (const lexeme of entry.lexemes) {
      const list = this.#postings.get(lexeme);
      if (list) list.push(entry);
      else {
        this.#postings.set(lexeme, [entry]);
        this.#sortedLexemes?.splice(lowerBound(this.#sortedLexemes, lexeme, (l) => l), 0, lexeme);
      }
    }
  }

  #unpost(entry: IndexedCase): void {
    for (const lexeme of entry.lexemes) {
      const list = this.#postings.get(lexeme);
      if (!list) continue;
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) {
        this.#postings.delete(lexeme);
        this.#sortedLexemes?.splice(lowerBound(this.#sortedLexemes, lexeme, (l) => l), 1);
      }
    }
  }

  /** Makes #order sorted and every entry's position right. */
  #renumber(): void {
    if (this.#unsorted) this.#order.sort(newestFirst);
    if (this.#positionsStale) this.#order.forEach((entry, i) => (entry.position = i));
    this.#unsorted = false;
    this.#positionsStale = false;
  }

  // ---- searching ----------------------------------------------------------------------------------

  #find(scope: CaseScope, search: CaseSearch): CaseSearchResult {
    this.#renumber();
    const page = Math.min(Math.max(1, Math.floor(search.page ?? 1)), MAX_CASE_PAGE);
    const text = search.text?.trim() ? search.text : undefined;
    const words = text ? wordsOf(text) : [];
    const prefix = text ? diarienummerPrefixOf(text) : null;
    if (text && words.length === 0 && !prefix) return { rows: [], total: 0, page, hasNext: false };

    const matches = this.#matcher(scope, search, text ? { words, prefix } : null);
    const wanted = page * CASE_PAGE_SIZE + 1;
    const found: CaseListRow[] = [];
    const take = (entry: IndexedCase) => {
      if (matches(entry)) found.push(entry.row);
      return found.length >= wanted;
    };
    const gathered = text ? this.#gather(words, prefix) : null;
    if (gathered) {
      for (const entry of gathered) if (take(entry)) break;
    } else {
      for (const entry of this.#order) if (take(entry)) break;
    }
    const skipped = (page - 1) * CASE_PAGE_SIZE;
    const hasNext = found.length > page * CASE_PAGE_SIZE;
    const rows = found.slice(skipped, skipped + CASE_PAGE_SIZE);
    return { rows, total: hasNext ? null : skipped + rows.length, page, hasNext };
  }

  /** Whether a case meets the scope, every filter and (when given) the text. */
  #matcher(scope: CaseScope, search: CaseSearch, text: { words: string[]; prefix: string | null } | null): (entry: IndexedCase) => boolean {
    const scopeDepartment = scope.kind === 'department' ? scope.code : undefined;
    const { caseType, status, departmentCode, responsible, openedFrom, openedTo } = search;
    const whole = text ? text.words.slice(0, -1) : [];
    const beginning = text && text.words.length > 0 ? text.words[text.words.length - 1] : undefined;
    const prefix = text?.prefix ?? null;
    const textMatches = (entry: IndexedCase) =>
      (prefix !== null && entry.row.diarienummer.startsWith(prefix)) ||
      (beginning !== undefined && whole.every((w) => entry.lexemes.includes(w)) && entry.lexemes.some((l) => l.startsWith(beginning)));
    return (entry) => {
      const row = entry.row;
      return (
        (scopeDepartment === undefined || row.department_code === scopeDepartment) &&
        (!caseType || row.case_type === (caseType as CaseType)) &&
        (!status || row.status === (status as CaseStatus)) &&
        (!departmentCode || (departmentCode === 'none' ? row.department_code === null : row.department_code === departmentCode)) &&
        (!responsible || entry.responsible === responsible) &&
        (!openedFrom || row.opened_on >= openedFrom) &&
        (!openedTo || row.opened_on <= openedTo) &&
        (!text || textMatches(entry))
      );
    };
  }

  /**
   * The cases that can match the text, newest first: those of the rarest whole word, or of every lexeme the
   * last word begins, with those whose diarienummer begins with the text. Null when they would be too many
   * to sort: the search then walks the whole list in order and stops at the page.
   */
  #gather(words: string[], prefix: string | null): IndexedCase[] | null {
    const lists: IndexedCase[][] = [];
    if (words.length > 1) {
      const rarest = words.slice(0, -1).map((w) => this.#postings.get(w) ?? []).reduce((a, b) => (b.length < a.length ? b : a));
      lists.push(rarest);
    } else if (words.length === 1) {
      const lexemes = (this.#sortedLexemes ??= [...this.#postings.keys()].sort());
      const start = lowerBound(lexemes, words[0], (l) => l);
      let size = 0;
      for (let i = start; i < lexemes.length && lexemes[i].startsWith(words[0]); i++) {
        const list = this.#postings.get(lexemes[i])!;
        size += list.length;
        if (size > this.#maxGathered) return null;
        lists.push(list);
      }
    }
    if (prefix !== null) {
      const byNumber = (this.#byDiarienummer ??= [...this.#byId.values()].sort((a, b) => (a.row.diarienummer < b.row.diarienummer ? -1 : a.row.diarienummer > b.row.diarienummer ? 1 : 0)));
      const start = lowerBound(byNumber, prefix, diarienummerOf);
      let end = start;
      while (end < byNumber.length && byNumber[end].row.diarienummer.startsWith(prefix)) end++;
      lists.push(byNumber.slice(start, end));
    }
    const size = lists.reduce((sum, list) => sum + list.length, 0);
    if (size > this.#maxGathered) return null;
    const positions = new Int32Array(size);
    let at = 0;
    for (const list of lists) for (const entry of list) positions[at++] = entry.position;
    positions.sort();
    const gathered: IndexedCase[] = [];
    for (let i = 0; i < positions.length; i++) {
      if (i > 0 && positions[i] === positions[i - 1]) continue;
      gathered.push(this.#order[positions[i]]);
    }
    return gathered;
  }
}
