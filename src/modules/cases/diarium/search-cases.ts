// Searching the diarium: the staff case list and the public diarium use the same query. Free text finds a
// diarienummer by its beginning and words (or the beginnings of words) of the heading and the unit's name,
// through the indexes of migration 2026_11_29_006_case_search; filters narrow it; newest first, 50 a page.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { CaseStatus, CaseType } from '../../../platform/db/schema.ts';

export const CASE_PAGE_SIZE = 50;
/** Pages further than this are not served: narrow the search instead. */
export const MAX_CASE_PAGE = 200;
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** Which cases the searcher may see at all: everything (national roles, the public), or one department's. */
export type CaseScope = { kind: 'all' } | { kind: 'department'; code: string };

export interface CaseSearch {
  text?: string;
  caseType?: CaseType;
  status?: CaseStatus;
  /** A department filter (within the scope); 'none' finds cases without a department. */
  departmentCode?: string;
  responsible?: string;
  /** Opened on or after / on or before these dates (YYYY-MM-DD, Swedish time). */
  openedFrom?: string;
  openedTo?: string;
  /** 1-based. */
  page?: number;
}

export interface CaseSearchResult {
  rows: CaseListRow[];
  /** The number of hits when this is the last page; null when there are more pages. */
  total: number | null;
  page: number;
  hasNext: boolean;
}

export interface CaseListRow {
  id: number;
  diarienummer: string;
  title: string;
  case_type: CaseType;
  status: CaseStatus;
  /** The day it was opened, in Sweden (YYYY-MM-DD). */
  opened_on: string;
  due_on: string | null;
  department_code: string | null;
  unit_name: string | null;
  responsible_name: string | null;
}

/** The words of a free-text query, lower-cased (only letters and digits). */
export function wordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_WORDS);
}

/**
 * The tsquery of the words: each a whole word, the last also the beginning of one ("lex maria fallsk"), as
 * in search as you type. A beginning makes the index gather every word it begins; for the last word alone
 * that stays cheap, for common words in the middle it would not.
 */
export function tsqueryOf(words: string[]): string {
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/** A text that could be (the beginning of) a diarienummer: has a digit, and only the characters one has. */
export function diarienummerPrefixOf(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > 40 || !/\d/.test(compact) || !/^[\p{L}\d][\p{L}\d.\-/:]*$/u.test(compact)) return null;
  return compact;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The condition of the free text, or null when the text holds nothing searchable (no hits then). */
function textCondition(text: string): Expression<SqlBool> | null {
  const words = wordsOf(text);
  const prefix = diarienummerPrefixOf(text);
  const parts: Expression<SqlBool>[] = [];
  if (prefix) parts.push(sql<SqlBool>`c.diarienummer LIKE ${`${escapeLike(prefix)}%`}`);
  if (words.length > 0) parts.push(sql<SqlBool>`c.search_vector @@ to_tsquery('simple', ${tsqueryOf(words)})`);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : sql<SqlBool>`(${parts[0]} OR ${parts[1]})`;
}

/** Every condition of the search and the scope, ANDed; null when nothing can match. */
function conditionsOf(scope: CaseScope, search: CaseSearch): Expression<SqlBool>[] | null {
  const where: Expression<SqlBool>[] = [];
  if (scope.kind === 'department') where.push(sql<SqlBool>`c.department_code = ${scope.code}`);
  if (search.text?.trim()) {
    const condition = textCondition(search.text);
    if (!condition) return null;
    where.push(condition);
  }
  if (search.caseType) where.push(sql<SqlBool>`c.case_type = ${search.caseType}`);
  if (search.status) where.push(sql<SqlBool>`c.status = ${search.status}`);
  if (search.departmentCode === 'none') where.push(sql<SqlBool>`c.department_code IS NULL`);
  else if (search.departmentCode) where.push(sql<SqlBool>`c.department_code = ${search.departmentCode}`);
  if (search.responsible) where.push(sql<SqlBool>`c.responsible = ${search.responsible}`);
  if (search.openedFrom) where.push(sql<SqlBool>`c.opened_at >= (${search.openedFrom}::date::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  if (search.openedTo) where.push(sql<SqlBool>`c.opened_at < ((${search.openedTo}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  return where;
}

const and = (where: Expression<SqlBool>[]) => (where.length === 0 ? sql<SqlBool>`true` : sql.join(where, sql` AND `));

/** One page of cases, newest first; whether there is a next page; the total when this is the last page. */
export async function findCases(db: Db, scope: CaseScope, search: CaseSearch): Promise<CaseSearchResult> {
  const page = Math.min(Math.max(1, Math.floor(search.page ?? 1)), MAX_CASE_PAGE);
  const where = conditionsOf(scope, search);
  if (!where) return { rows: [], total: 0, page, hasNext: false };
  const condition = and(where);
  const found = await sql<CaseListRow>`
    SELECT c.id, c.diarienummer, c.title, c.case_type, c.status, to_char(c.opened_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS opened_on,
           c.due_on, c.department_code, u.name AS unit_name, c.responsible_name
    FROM (
      SELECT c.id, c.diarienummer, c.title, c.case_type, c.status, c.opened_at, c.due_on, c.department_code, c.unit_id, c.responsible_name
      FROM case_file c WHERE ${condition}
      ORDER BY c.opened_at DESC, c.id DESC
      LIMIT ${CASE_PAGE_SIZE + 1} OFFSET ${(page - 1) * CASE_PAGE_SIZE}
    ) c
    LEFT JOIN unit u ON u.id = c.unit_id
    ORDER BY c.opened_at DESC, c.id DESC
  `.execute(db);
  const hasNext = found.rows.length > CASE_PAGE_SIZE;
  const rows = found.rows.slice(0, CASE_PAGE_SIZE);
  // Counting every hit of a broad search costs more than finding the page (a full-text search must visit
  // them all), so the total is given only when this page is the last one; otherwise "more than".
  const total = hasNext ? null : (page - 1) * CASE_PAGE_SIZE + rows.length;
  return { rows, total, page, hasNext };
}
