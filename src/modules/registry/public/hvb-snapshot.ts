import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { PageOf, Paging } from './repository.ts';
import { foldCase, swedishCollator } from './swedish-text.ts';

// The public HVB list, served from memory. Every home the list can show is loaded by one query and kept
// in Swedish name order; a search is a scan of the homes in memory (of one kommun or län when the search
// names one). Before each search the snapshot asks the database for the register's version, one indexed
// round trip that concurrent searches share, and loads the homes again when it moved: a change committed
// by any process is in the very next search.

/** The forms of operation the public HVB list holds. */
export const HVB_FORMS = ['hvb', 'stodboende'] as const;
export type HvbForm = (typeof HVB_FORMS)[number];

/** What a municipality or a child's guardian can search the HVB list by; every field narrows. */
export interface HvbSearch {
  /** Part of the home's or the provider's name, any letter case. */
  name?: string;
  kommun?: string;
  lan?: string;
  forms?: HvbForm[];
  homeType?: string;
  /** Homes with at least one of these orientations. */
  orientations?: string[];
  /** The child's age: homes whose permitted ages include it. */
  age?: number;
  /** Homes whose status is one of these (HOME_STATUSES: the current permit's, or no_own_permit). */
  statuses?: string[];
}

/** One home as the list shows it. */
export interface HvbHomeSummary {
  id: string;
  name: string;
  form: string;
  home_type: string | null;
  orientation: string[] | null;
  age_min: number | null;
  age_max: number | null;
  capacity: number | null;
  size: number;
  kommun: string;
  kommun_name: string;
  lan: string;
  lan_name: string;
  provider_id: string;
  provider_name: string;
  /** The status of the unit's most recently granted permit; 'no_own_permit' for a unit without one. */
  status: string;
}

/**
 * Every HVB and stödboende with what the list shows, in one set-based query: the current permit of each
 * unit is picked by one DISTINCT ON over the permits, not by a subquery per unit.
 */
async function loadHvbHomes(db: Db): Promise<HvbHomeSummary[]> {
  return db
    .selectFrom('unit as u')
    .innerJoin('provider as p', 'p.id', 'u.provider_id')
    .innerJoin('municipality as m', 'm.code', 'u.kommun')
    .innerJoin('county as c', 'c.code', 'm.county_code')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('permit')
          .distinctOn('permit.unit_id')
          .select(['permit.unit_id', 'permit.status'])
          .where('permit.unit_id', 'is not', null)
          .orderBy('permit.unit_id')
          .orderBy('permit.granted_on', 'desc')
          .orderBy('permit.id', 'desc')
          .as('current_permit'),
      (join) => join.onRef('current_permit.unit_id', '=', 'u.id'),
    )
    .where('u.form', 'in', HVB_FORMS)
    .select((eb) => [
      'u.id',
      'u.name',
      'u.form',
      'u.home_type',
      'u.orientation',
      'u.age_min',
      'u.age_max',
      'u.capacity',
      'u.size',
      'u.kommun',
      'm.name as kommun_name',
      'c.code as lan',
      'c.name as lan_name',
      'p.id as provider_id',
      'p.name as provider_name',
      eb.fn.coalesce('current_permit.status', sql.lit('no_own_permit')).$castTo<string>().as('status'),
    ])
    .execute();
}

/**
 * The register's version: the highest change_seq of unit, permit and provider, which every insert and
 * update of them draws from one sequence. One round trip over three indexes. With it, how many of the
 * `writers` (see below) have ended since they were seen; only asked when there are any.
 */
async function readRegisterVersion(db: Db, writers: readonly string[]): Promise<{ version: number; writersEnded: number }> {
  const writersEnded = writers.length
    ? sql<number>`(select count(*) from unnest(${writers}::text[]) as w(vxid)
        where not exists (select 1 from pg_locks where locktype = 'virtualxid' and virtualxid = w.vxid))::int`
    : sql<number>`0`;
  const { rows } = await sql<{ version: number; writersEnded: number }>`
    select
      greatest(
        coalesce((select max(change_seq) from unit), 0),
        coalesce((select max(change_seq) from permit), 0),
        coalesce((select max(change_seq) from provider), 0)
      ) as version,
      ${writersEnded} as "writersEnded"
  `.execute(db);
  return rows[0];
}

/**
 * The transactions (virtual ids) now writing to unit, permit or provider. A change_seq is drawn when a row
 * is written, not when its transaction commits, so a long transaction (an import) can commit changes
 * numbered below a version already seen. Read after the version and before the homes are loaded, these
 * are all the transactions whose changes the loaded homes may lack without the version moving; the
 * snapshot loads again when one of them has ended. (Deleting rows would not move the version either;
 * nothing in Vaka deletes units, permits or providers.)
 */
async function findRegisterWriters(db: Db): Promise<string[]> {
  const { rows } = await sql<{ vxid: string }>`
    select distinct virtualtransaction as vxid from pg_locks
    where locktype = 'relation' and mode = 'RowExclusiveLock'
      and database = (select oid from pg_database where datname = current_database())
      and relation = any(array['unit'::regclass, 'permit'::regclass, 'provider'::regclass]::oid[])
  `.execute(db);
  return rows.map((row) => row.vxid);
}

interface IndexedHome {
  home: HvbHomeSummary;
  /** The home's and the provider's name case-folded as Swedish folds them, for the name search. */
  foldedName: string;
  foldedProviderName: string;
}

/** The homes in Swedish name order (then by id), and the same order within each kommun and län. */
interface HvbIndex {
  all: IndexedHome[];
  byKommun: Map<string, IndexedHome[]>;
  byLan: Map<string, IndexedHome[]>;
}

const byNameThenId = (a: HvbHomeSummary, b: HvbHomeSummary) => swedishCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexHomes(homes: HvbHomeSummary[]): HvbIndex {
  const index: HvbIndex = { all: [], byKommun: new Map(), byLan: new Map() };
  for (const home of homes.sort(byNameThenId)) {
    const entry = { home, foldedName: foldCase(home.name), foldedProviderName: foldCase(home.provider_name) };
    index.all.push(entry);
    pushTo(index.byKommun, home.kommun, entry);
    pushTo(index.byLan, home.lan, entry);
  }
  return index;
}

/** Whether a home meets every condition of the search (an empty field sets none). */
function matcherFor(search: HvbSearch): (entry: IndexedHome) => boolean {
  const { kommun, lan, homeType, age } = search;
  const name = search.name ? foldCase(search.name) : undefined;
  const forms = search.forms?.length ? new Set<string>(search.forms) : undefined;
  const orientations = search.orientations?.length ? search.orientations : undefined;
  const statuses = search.statuses?.length ? new Set(search.statuses) : undefined;
  return ({ home, foldedName, foldedProviderName }) =>
    (!name || foldedName.includes(name) || foldedProviderName.includes(name)) &&
    (!kommun || home.kommun === kommun) &&
    (!lan || home.lan === lan) &&
    (!forms || forms.has(home.form)) &&
    (!homeType || home.home_type === homeType) &&
    (!orientations || orientations.some((o) => home.orientation?.includes(o) ?? false)) &&
    (age === undefined || (home.age_min !== null && home.age_max !== null && home.age_min <= age && age <= home.age_max)) &&
    (!statuses || statuses.has(home.status));
}

function searchIndex(index: HvbIndex, search: HvbSearch, { page, pageSize }: Paging): PageOf<HvbHomeSummary> {
  const candidates = search.kommun ? (index.byKommun.get(search.kommun) ?? []) : search.lan ? (index.byLan.get(search.lan) ?? []) : index.all;
  const matches = matcherFor(search);
  const first = (page - 1) * pageSize;
  const items: HvbHomeSummary[] = [];
  let total = 0;
  for (const entry of candidates) {
    if (!matches(entry)) continue;
    if (total >= first && items.length < pageSize) items.push(entry.home);
    total++;
  }
  return { items, total };
}

export interface HvbListPage extends PageOf<HvbHomeSummary> {
  edition: object;
}

interface Published {
  index: HvbIndex;
  version: number;
  /** Transactions writing to the register when the homes were loaded. */
  writers: string[];
}

const ignore = () => undefined;

/**
 * The HVB list of one app (one database). Searches are answered from the homes in memory once the
 * register's version has been read, by a check that started after the search arrived: a check already
 * running may have read the version before a change the search must see. Searches that arrive together
 * share the next check, which starts once the event loop has taken in what arrived (setImmediate) or once
 * the running check has ended; a reload is part of a check, so it is shared too. On PGlite a query runs
 * on the event loop's thread, so under load this is one check per turn of the loop, not one per search.
 */
export class HvbSnapshot {
  readonly #db: Db;
  #published: Published | undefined;
  #running: Promise<HvbIndex> | undefined;
  #next: Promise<HvbIndex> | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * One page of the homes that match, in Swedish name order, with how many match in all, and the edition
   * of the list it comes from: the same object for every search until the register changes.
   */
  async search(search: HvbSearch, paging: Paging): Promise<HvbListPage> {
    const index = await this.#current();
    return { ...searchIndex(index, search, paging), edition: index };
  }

  /** The homes as the register holds them now. */
  #current(): Promise<HvbIndex> {
    if (this.#next) return this.#next;
    const turn = this.#running ? this.#running.then(ignore, ignore) : new Promise<void>((resolve) => setImmediate(resolve));
    const next = turn.then(() => {
      this.#next = undefined;
      return this.#start();
    });
    this.#next = next;
    return next;
  }

  #start(): Promise<HvbIndex> {
    const check: Promise<HvbIndex> = this.#check().finally(() => {
      if (this.#running === check) this.#running = undefined;
    });
    this.#running = check;
    return check;
  }

  async #check(): Promise<HvbIndex> {
    const published = this.#published;
    const { version, writersEnded } = await readRegisterVersion(this.#db, published?.writers ?? []);
    if (published && version === published.version && writersEnded === 0) return published.index;
    // In this order: a change committed after the version was read is loaded now, and moves the version for the next check.
    const writers = await findRegisterWriters(this.#db);
    const index = indexHomes(await loadHvbHomes(this.#db));
    this.#published = { index, version, writers };
    return index;
  }
}
