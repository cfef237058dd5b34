import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/** What a sender told us about the unit when they did not pick it from the register. */
export interface UnitHint {
  name?: string;
  kommun?: string;
  orgnr?: string;
  address?: string;
}

export interface UnitMatch {
  unitId: string;
  /** 0–1: how sure the match is; below MATCH_THRESHOLD the signal waits for a person. */
  confidence: number;
}

/** Below this, a suggested unit is shown to staff but the signal stays unmatched. */
export const MATCH_THRESHOLD = 0.75;

/** Lower-case, Swedish letters kept, punctuation and common filler words dropped. */
export function normaliseName(text: string): string {
  return text
    .toLocaleLowerCase('sv')
    .replace(/[^a-z0-9åäöéü ]+/g, ' ')
    .replace(/\b(ab|hb|kb|aktiebolag|stiftelsen|föreningen|i|på|av)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trigrams of each word padded as pg_trgm does, so word order does not matter. */
function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Trigram similarity (like pg_trgm's): shared trigrams over all distinct trigrams of both names. */
export function nameSimilarity(a: string, b: string): number {
  const ta = trigrams(normaliseName(a));
  const tb = trigrams(normaliseName(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const gram of ta) if (tb.has(gram)) shared++;
  return shared / (ta.size + tb.size - shared);
}

type Queryable = Kysely<Database> | Transaction<Database>;

/**
 * Finds the unit a sender means: by organisationsnummer (the provider's only unit, or its best-named one),
 * else by name within the kommun (or nationally when no kommun is given), scored by trigram similarity.
 * Returns the best candidates, best first; the caller decides whether the best is sure enough.
 */
export async function findUnitCandidates(db: Queryable, hint: UnitHint, limit = 5): Promise<UnitMatch[]> {
  const orgnr = hint.orgnr?.replace(/\D/g, '');
  if (orgnr && orgnr.length === 10) {
    const units = await db
      .selectFrom('unit')
      .innerJoin('provider', 'provider.id', 'unit.provider_id')
      .select(['unit.id', 'unit.name', 'unit.kommun'])
      .where('provider.orgnr', '=', orgnr)
      .where('unit.closed', 'is', null)
      .execute();
    if (units.length === 1) return [{ unitId: units[0].id, confidence: 0.95 }];
    if (units.length > 1 && hint.name) {
      return rank(units, hint, limit).map((m) => ({ ...m, confidence: Math.min(1, m.confidence + 0.2) }));
    }
  }
  if (!hint.name || normaliseName(hint.name).length < 3) return [];
  const candidates = await db
    .selectFrom('unit')
    .select(['id', 'name', 'kommun'])
    .$if(Boolean(hint.kommun), (q) => q.where('kommun', '=', hint.kommun!))
    .where('closed', 'is', null)
    .execute();
  return rank(candidates, hint, limit);
}

function rank(units: { id: string; name: string; kommun: string }[], hint: UnitHint, limit: number): UnitMatch[] {
  return units
    .map((unit) => ({ unitId: unit.id, confidence: nameSimilarity(hint.name ?? '', unit.name) }))
    .filter((m) => m.confidence > 0.2)
    .sort((a, b) => b.confidence - a.confidence || a.unitId.localeCompare(b.unitId))
    .slice(0, limit);
}
