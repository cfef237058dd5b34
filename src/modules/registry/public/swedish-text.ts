import { sql, type Expression, type RawBuilder } from 'kysely';

// Swedish text in SQL without ICU: PGlite has only the "C" collation, and its lower() changes ASCII
// letters only. These expressions behave the same on PGlite and on a PostgreSQL server of any locale.

const UPPER_LETTERS = 'ÅÄÖÆØÉÈÊËÜÁÀÂ';
const LOWER_LETTERS = 'åäöæøéèêëüáàâ';
/**
 * Sort key letters in byte order: å, ä, ö become '{', '|', '}', the three ASCII characters right after
 * 'z', in that order, as the Swedish alphabet has them; æ and ø sort as ä and ö, é as e, ü as y, á as a.
 */
const SORT_LETTERS = '{|}|}eeeeyaaa';

/** Case-folded text that matches across å/Å, ä/Ä, ö/Ö also where lower() knows only ASCII. */
export function foldCase(text: Expression<string>): RawBuilder<string> {
  return sql<string>`lower(translate(${text}, ${UPPER_LETTERS}, ${LOWER_LETTERS}))`;
}

/** A key that orders names as Swedish does (a–z, then å, ä, ö) under the "C" collation. */
export function swedishSortKey(text: Expression<string>): RawBuilder<string> {
  return sql<string>`lower(translate(${text}, ${UPPER_LETTERS + LOWER_LETTERS}, ${SORT_LETTERS + SORT_LETTERS}))`;
}

/** Order by a sort key byte by byte, whatever the database's default collation. */
export function inByteOrder(key: Expression<string>): RawBuilder<string> {
  return sql<string>`${key} collate "C"`;
}

/** A LIKE pattern that finds `text` anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Swedish alphabetical order for lists sorted in JavaScript (kommuner, län). */
export const swedishCollator = new Intl.Collator('sv');
