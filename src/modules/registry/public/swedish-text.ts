import { sql, type Expression, type RawBuilder } from 'kysely';

// Swedish text in SQL without ICU: PGlite has only the "C" collation, and its lower() changes ASCII
// letters only. These expressions behave the same on PGlite and on a PostgreSQL server of any locale.
// Lists sorted and searched in JavaScript use the collator and foldCase at the end of this file.

const UPPER_LETTERS = 'ÅÄÖÆØÉÈÊËÜÁÀÂ';
const LOWER_LETTERS = 'åäöæøéèêëüáàâ';
/**
 * Sort key letters in byte order: å, ä, ö become '{', '|', '}', the three ASCII characters right after
 * 'z', in that order, as the Swedish alphabet has them; æ and ø sort as ä and ö, é as e, ü as y, á as a.
 */
const SORT_LETTERS = '{|}|}eeeeyaaa';

/** A key that orders names as Swedish does (a–z, then å, ä, ö) under the "C" collation. */
export function swedishSortKey(text: Expression<string>): RawBuilder<string> {
  return sql<string>`lower(translate(${text}, ${UPPER_LETTERS + LOWER_LETTERS}, ${SORT_LETTERS + SORT_LETTERS}))`;
}

/** Order by a sort key byte by byte, whatever the database's default collation. */
export function inByteOrder(key: Expression<string>): RawBuilder<string> {
  return sql<string>`${key} collate "C"`;
}

/** Swedish alphabetical order for lists sorted in JavaScript (the HVB list, kommuner, län). */
export const swedishCollator = new Intl.Collator('sv');

/** Text in one letter case, as Swedish folds it (Å/å, Ä/ä, Ö/ö included), for searches in JavaScript. */
export const foldCase = (text: string): string => text.toLocaleLowerCase('sv');
