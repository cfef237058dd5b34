import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface ExportWorldOptions {
  onProgress?: (message: string) => void;
}

const PAGE_SIZE = 5_000;
const PROGRESS_EVERY = 10_000;

type Json = Record<string, unknown>;

/** Sets the field unless the value is null (optional fields are omitted when empty). */
function put(target: Json, key: string, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value;
}

/** The known fields in the format's order, then the line's unknown fields as they were imported. */
function withExtra(line: Json, extra: Json | null): Json {
  if (!extra) return line;
  for (const [key, value] of Object.entries(extra)) {
    if (!Object.hasOwn(line, key)) Object.defineProperty(line, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return line;
}

/** A date when the moment is exactly midnight UTC (what a date-only `receivedAt` means), else ISO 8601. */
export function formatReceivedAt(moment: Date): string {
  const iso = moment.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * Writes the whole register and its signals, indicators and inspections as an exchange-format directory
 * (docs/exchange-format.md plus docs/exchange-extensions.md), in stable order, a page at a time.
 * Returns the number of lines written per file.
 */
export async function exportWorld(db: Db, dir: string, options: ExportWorldOptions = {}): Promise<Record<string, number>> {
  const progress = options.onProgress ?? (() => undefined);
  await mkdir(dir, { recursive: true });
  const counts: Record<string, number> = {};

  async function writeFile<Row>(name: string, pages: AsyncGenerator<Row[]>, toLine: (row: Row) => Json): Promise<void> {
    const handle = await open(join(dir, `${name}.jsonl`), 'w');
    let written = 0;
    let lastReported = 0;
    try {
      for await (const page of pages) {
        let text = '';
        for (const row of page) text += `${JSON.stringify(toLine(row))}\n`;
        await handle.write(text);
        written += page.length;
        if (written - lastReported >= PROGRESS_EVERY) {
          lastReported = written;
          progress(`exporting ${name}: ${written}`);
        }
      }
    } finally {
      await handle.close();
    }
    counts[name] = written;
    progress(`exported ${name}: ${written}`);
  }

  await writeFile('providers', pagesById(db, 'provider'), (p) => {
    const line: Json = { id: p.id, name: p.name };
    put(line, 'orgnr', p.orgnr);
    line.kind = p.kind;
    put(line, 'parentId', p.parent_id);
    put(line, 'email', p.email);
    put(line, 'phone', p.phone);
    put(line, 'peppolId', p.peppol_id);
    return withExtra(line, p.extra);
  });

  await writeFile('units', pagesById(db, 'unit'), (u) => {
    const line: Json = { id: u.id, providerId: u.provider_id, name: u.name, form: u.form, kommun: u.kommun, size: u.size };
    put(line, 'opened', u.opened);
    put(line, 'closed', u.closed);
    put(line, 'orientation', u.orientation);
    put(line, 'homeType', u.home_type);
    put(line, 'ageMin', u.age_min);
    put(line, 'ageMax', u.age_max);
    put(line, 'capacity', u.capacity);
    put(line, 'street', u.street);
    put(line, 'postalCode', u.postal_code);
    put(line, 'city', u.city);
    put(line, 'lat', u.lat);
    put(line, 'lon', u.lon);
    put(line, 'phone', u.phone);
    put(line, 'email', u.email);
    put(line, 'website', u.website);
    put(line, 'operationCodes', u.operation_codes);
    put(line, 'hsaId', u.hsa_id);
    return withExtra(line, u.extra);
  });

  await writeFile('permits', permitPages(db), ({ permit: p, history }) => {
    const line: Json = { id: p.id, providerId: p.provider_id };
    put(line, 'unitId', p.unit_id);
    line.legalForm = p.legal_form;
    line.grantedOn = p.granted_on;
    line.history = history.map((h) => {
      const entry: Json = { status: h.status, from: h.valid_from };
      put(entry, 'reason', h.reason);
      return entry;
    });
    return withExtra(line, p.extra);
  });

  await writeFile('notifications', pagesById(db, 'provider_notification'), (n) => {
    const line: Json = { id: n.id, providerId: n.provider_id };
    put(line, 'unitId', n.unit_id);
    line.kind = n.kind;
    line.eventDate = n.event_date;
    line.receivedOn = n.received_on;
    put(line, 'description', n.description);
    return withExtra(line, n.extra);
  });

  // A signal not yet linked to any unit waits in triage; the format needs a unitId, so it is not exported.
  await writeFile('signals', pagesById(db, 'signal', true), (s) => {
    const line: Json = { id: s.id, unitId: s.unit_id, channel: s.channel, receivedAt: formatReceivedAt(new Date(s.received_at)) };
    put(line, 'occurredAt', s.occurred_on);
    put(line, 'severity', s.severity);
    put(line, 'urgency', s.urgency);
    put(line, 'text', s.text);
    put(line, 'riskAreas', s.risk_areas);
    put(line, 'personnummer', s.personnummer);
    return withExtra(line, s.extra);
  });

  await writeFile('indicators', indicatorPages(db), (v) => {
    const line: Json = { unitId: v.unit_id, indicator: v.indicator, period: v.period, value: v.value };
    put(line, 'denominator', v.denominator);
    line.direction = v.direction;
    return withExtra(line, v.extra);
  });

  await writeFile('inspections', pagesById(db, 'inspection'), (i) => {
    const line: Json = { id: i.id, unitId: i.unit_id, date: i.date };
    put(line, 'announced', i.announced);
    line.deficiencies = i.deficiencies;
    line.outcome = i.outcome;
    return withExtra(line, i.extra);
  });

  return counts;
}

/** Pages of rows in key order: each fetch starts after the last row of the page before (keyset pagination). */
async function* keysetPages<Row>(fetch: (after: Row | undefined) => Promise<Row[]>): AsyncGenerator<Row[]> {
  let after: Row | undefined;
  for (;;) {
    const page = await fetch(after);
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1];
  }
}

type IdTable = 'provider' | 'unit' | 'permit' | 'provider_notification' | 'signal' | 'inspection';

function pagesById<T extends IdTable>(db: Db, table: T, onlyLinkedToUnit = false) {
  return keysetPages<Selectable<Database[T]>>(
    (after) =>
      // Every IdTable has a text `id`; one table stands in for all so Kysely's types stay simple.
      db
        .selectFrom(table as 'signal')
        .selectAll()
        .$if(after !== undefined, (q) => q.where('id', '>', (after as unknown as { id: string }).id))
        .$if(onlyLinkedToUnit, (q) => q.where('unit_id', 'is not', null))
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute() as unknown as Promise<Selectable<Database[T]>[]>,
  );
}

async function* permitPages(db: Db) {
  for await (const permits of pagesById(db, 'permit')) {
    const statuses = await db
      .selectFrom('permit_status')
      .selectAll()
      .where('permit_id', '=', sql<string>`any(${permits.map((p) => p.id)}::text[])`)
      .orderBy('permit_id')
      .orderBy('seq')
      .execute();
    const byPermit = new Map<string, typeof statuses>();
    for (const status of statuses) {
      const list = byPermit.get(status.permit_id) ?? [];
      list.push(status);
      byPermit.set(status.permit_id, list);
    }
    yield permits.map((permit) => ({ permit, history: byPermit.get(permit.id) ?? [] }));
  }
}

function indicatorPages(db: Db) {
  return keysetPages((after: Selectable<Database['indicator_value']> | undefined) =>
    db
      .selectFrom('indicator_value')
      .selectAll()
      .$if(after !== undefined, (q) => q.where(sql<boolean>`(unit_id, indicator, period) > (${after!.unit_id}, ${after!.indicator}, ${after!.period})`))
      .orderBy('unit_id')
      .orderBy('indicator')
      .orderBy('period')
      .limit(PAGE_SIZE)
      .execute(),
  );
}
