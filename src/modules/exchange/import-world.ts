import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { UsageError } from '../../platform/cli-errors.ts';
import { ExchangeValidationError, type ExchangeIssue } from './exchange-validation-error.ts';
import { FieldReader, show, type ReportIssue } from './field-reader.ts';
import {
  readIndicator,
  readInspection,
  readNotification,
  readPermit,
  readProvider,
  readSignal,
  readUnit,
  type PermitStatusRow,
  type ReferenceCodes,
} from './read-lines.ts';
import {
  findExistingIds,
  findPermitHistories,
  replacePermitHistories,
  TABLES,
  touchPermits,
  upsertBatch,
  upsertBatchReturningIds,
  type TableSpec,
} from './repository.ts';

export const ENTITY_NAMES = ['providers', 'units', 'permits', 'notifications', 'signals', 'indicators', 'inspections'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}
export type ImportSummary = Record<EntityName, EntityCounts>;

export interface ImportWorldOptions {
  onProgress?: (message: string) => void;
  /** Who imports, for the audit log: a staff subject, 'cli' or 'system'. */
  actor: string;
}

type RefTarget = 'provider' | 'unit';

interface EntityPlan {
  name: EntityName;
  file: string;
  read: (reader: FieldReader, report: ReportIssue, reference: ReferenceCodes) => object | undefined;
  /** The line's identity, for duplicates within the file; undefined when the id fields are unusable. */
  key: (record: Record<string, unknown>) => string | undefined;
  keyField: string;
  describeKey: (record: Record<string, unknown>) => string;
  /** Fields holding ids of other entities. */
  refs: { field: string; target: RefTarget }[];
  table: TableSpec;
}

const idKey = (record: Record<string, unknown>) => (typeof record.id === 'string' && record.id !== '' ? record.id : undefined);
const describeId = (record: Record<string, unknown>) => `id ${show(record.id)}`;

const PLANS: EntityPlan[] = [
  { name: 'providers', file: 'providers.jsonl', read: readProvider, key: idKey, keyField: 'id', describeKey: describeId, refs: [], table: TABLES.provider },
  { name: 'units', file: 'units.jsonl', read: readUnit, key: idKey, keyField: 'id', describeKey: describeId, refs: [{ field: 'providerId', target: 'provider' }], table: TABLES.unit },
  {
    name: 'permits', file: 'permits.jsonl', read: readPermit, key: idKey, keyField: 'id', describeKey: describeId,
    refs: [{ field: 'providerId', target: 'provider' }, { field: 'unitId', target: 'unit' }], table: TABLES.permit,
  },
  {
    name: 'notifications', file: 'notifications.jsonl', read: readNotification, key: idKey, keyField: 'id', describeKey: describeId,
    refs: [{ field: 'providerId', target: 'provider' }, { field: 'unitId', target: 'unit' }], table: TABLES.notification,
  },
  { name: 'signals', file: 'signals.jsonl', read: readSignal, key: idKey, keyField: 'id', describeKey: describeId, refs: [{ field: 'unitId', target: 'unit' }], table: TABLES.signal },
  {
    name: 'indicators', file: 'indicators.jsonl', read: readIndicator,
    key: (record) => {
      const { unitId, indicator, period } = record;
      return typeof unitId === 'string' && typeof indicator === 'string' && typeof period === 'string' ? `${unitId}\u0000${indicator}\u0000${period}` : undefined;
    },
    keyField: 'period',
    describeKey: (record) => `unitId ${show(record.unitId)}, indicator ${show(record.indicator)} and period ${show(record.period)}`,
    refs: [{ field: 'unitId', target: 'unit' }], table: TABLES.indicator,
  },
  { name: 'inspections', file: 'inspections.jsonl', read: readInspection, key: idKey, keyField: 'id', describeKey: describeId, refs: [{ field: 'unitId', target: 'unit' }], table: TABLES.inspection },
];

const FILE_ORDER = new Map(PLANS.map((plan, index) => [plan.file, index]));
const KEPT_ISSUES = 5_000;
const PROGRESS_EVERY = 10_000;
const BATCH_SIZE = 2_000;

interface PendingRef {
  file: string;
  line: number;
  field: string;
  id: string;
}

/** Collects the problems found; keeps the first few thousand and counts the rest. */
class Issues {
  readonly list: ExchangeIssue[] = [];
  count = 0;

  add(issue: ExchangeIssue): void {
    this.count++;
    if (this.list.length < KEPT_ISSUES) this.list.push(issue);
  }
}

interface CheckedWorld {
  rows: Record<EntityName, object[]>;
}

/**
 * Imports an exchange-format directory (docs/exchange-format.md and docs/exchange-extensions.md). Every line
 * is checked first; with any problem an ExchangeValidationError lists them all and nothing is written.
 * Otherwise everything is upserted in one transaction: new rows inserted, changed rows updated, equal rows
 * left alone, so importing the same directory twice changes nothing.
 */
export async function importWorld(db: Db, dir: string, options: ImportWorldOptions): Promise<ImportSummary> {
  const progress = options.onProgress ?? (() => undefined);
  await requireDirectory(dir);
  const world = await checkWorld(db, dir, progress);
  return db.transaction().execute(async (trx) => {
    const summary = {} as ImportSummary;
    for (const plan of PLANS) {
      const rows = world.rows[plan.name];
      const counts: EntityCounts = { inserted: 0, updated: 0, unchanged: 0 };
      const started = performance.now();
      let lastReported = 0;
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        const batch = rows.slice(i, i + BATCH_SIZE);
        const { inserted, updated } =
          plan.name === 'permits' ? await writePermits(trx, batch as PermitLine[]) : await upsertBatch(trx, plan.table, batch);
        counts.inserted += inserted;
        counts.updated += updated;
        const done = i + batch.length;
        if (done - lastReported >= PROGRESS_EVERY || done === rows.length) {
          lastReported = done;
          progress(`${plan.name}: ${done}/${rows.length} (${rate(done, started)} rows/s)`);
        }
      }
      counts.unchanged = rows.length - counts.inserted - counts.updated;
      summary[plan.name] = counts;
    }
    await recordAudit(trx, { actor: options.actor, action: 'register.import', entityType: 'register', reason: `import from ${dir}`, details: { ...summary } });
    return summary;
  });
}

async function requireDirectory(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Import from ${dir} refused: no such directory`);
    throw error;
  }
  throw new UsageError(`Import from ${dir} refused: not a directory`);
}

/** Whether the file is there; an absent file means none of that entity, anything else there is bad input. */
async function isFile(path: string): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new UsageError(`${path} cannot be read (${code ?? (error as Error).message})`);
  }
  if (!info.isFile()) throw new UsageError(`${path} is not a file`);
  return true;
}

function rate(rows: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? Math.round(rows / seconds) : rows;
}

/** Reads and checks every line of every file; throws ExchangeValidationError when anything is wrong. */
async function checkWorld(db: Db, dir: string, progress: (message: string) => void): Promise<CheckedWorld> {
  const reference: ReferenceCodes = {
    municipalities: new Set((await db.selectFrom('municipality').select('code').execute()).map((m) => m.code)),
    postcodes: new Map((await db.selectFrom('postcode').select(['code', 'municipality_code']).execute()).map((p) => [p.code, p.municipality_code])),
  };
  const issues = new Issues();
  const known: Record<RefTarget, Set<string>> = { provider: new Set(), unit: new Set() };
  const pending: Record<RefTarget, PendingRef[]> = { provider: [], unit: [] };
  const world: CheckedWorld = {
    rows: Object.fromEntries(ENTITY_NAMES.map((name) => [name, []])) as unknown as CheckedWorld['rows'],
  };

  for (const plan of PLANS) {
    const path = join(dir, plan.file);
    if (!(await isFile(path))) continue;
    const ownIds = plan.name === 'providers' ? known.provider : plan.name === 'units' ? known.unit : undefined;
    const firstLine = new Map<string, number>();
    const parentRefs: PendingRef[] = [];
    const rows = world.rows[plan.name];
    let count = 0;
    let lineNumber = 0;
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const rawLine of lines) {
      lineNumber++;
      const text = lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
      if (text.trim() === '') continue;
      count++;
      if (count % PROGRESS_EVERY === 0) progress(`checking ${plan.file}: ${count} lines`);
      const line = lineNumber;
      let lineOk = true;
      const report: ReportIssue = (field, message) => {
        lineOk = false;
        issues.add({ file: plan.file, line, field, message });
      };
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        report('json', `not valid JSON (${(error as Error).message})`);
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        report('json', `must be a JSON object, got ${show(record)}`);
        continue;
      }
      const fields = record as Record<string, unknown>;
      const row = plan.read(new FieldReader(fields, report), report, reference);

      const key = plan.key(fields);
      if (key !== undefined) {
        const first = firstLine.get(key);
        if (first !== undefined) report(plan.keyField, `duplicate ${plan.describeKey(fields)}, first on line ${first}`);
        else firstLine.set(key, line);
        ownIds?.add(key);
      }
      for (const ref of plan.refs) {
        const id = fields[ref.field];
        if (typeof id !== 'string' || id === '' || known[ref.target].has(id)) continue;
        pending[ref.target].push({ file: plan.file, line, field: ref.field, id });
      }
      if (plan.name === 'providers' && typeof fields.parentId === 'string') {
        if (fields.parentId === fields.id) report('parentId', 'must not be the provider itself');
        else parentRefs.push({ file: plan.file, line, field: 'parentId', id: fields.parentId });
      }
      if (lineOk && row !== undefined && issues.count === 0) rows.push(row);
    }
    // A parent may come later in the file than its children.
    for (const ref of parentRefs) if (!known.provider.has(ref.id)) pending.provider.push(ref);
    progress(`checked ${plan.file}: ${count} lines`);
  }

  // Ids not in the files may already be in the register.
  for (const target of ['provider', 'unit'] as const) {
    const refs = pending[target];
    if (refs.length === 0) continue;
    const inRegister = await findExistingIds(db, target, [...new Set(refs.map((r) => r.id))]);
    const source = target === 'provider' ? 'providers.jsonl' : 'units.jsonl';
    for (const ref of refs) {
      if (!inRegister.has(ref.id)) issues.add({ ...ref, message: `unknown ${target} id ${show(ref.id)}: not in ${source} nor in the register` });
    }
  }

  if (issues.count > 0) {
    const sorted = issues.list.sort((a, b) => FILE_ORDER.get(a.file)! - FILE_ORDER.get(b.file)! || a.line - b.line);
    throw new ExchangeValidationError(dir, sorted, issues.count);
  }
  return world;
}

interface PermitLine {
  permit: object & { id: string };
  history: PermitStatusRow[];
}

function sameHistory(stored: PermitStatusRow[] | undefined, wanted: PermitStatusRow[]): boolean {
  if (!stored || stored.length !== wanted.length) return false;
  return stored.every((s, i) => s.status === wanted[i].status && s.valid_from === wanted[i].valid_from && (s.reason ?? null) === (wanted[i].reason ?? null));
}

/** Upserts permits and replaces the status history of those whose history differs. */
async function writePermits(trx: Parameters<typeof upsertBatch>[0], batch: PermitLine[]): Promise<{ inserted: number; updated: number }> {
  const ids = batch.map((line) => line.permit.id);
  const stored = await findPermitHistories(trx, ids);
  const historyChanged = batch.filter((line) => !sameHistory(stored.get(line.permit.id), line.history));
  const changed = await upsertBatchReturningIds(trx, TABLES.permit, batch.map((line) => line.permit));
  const changedIds = new Set(changed.map((c) => c.id));
  const onlyHistoryChanged = historyChanged.map((line) => line.permit.id).filter((id) => !changedIds.has(id));
  await touchPermits(trx, onlyHistoryChanged);
  await replacePermitHistories(
    trx,
    historyChanged.map((line) => line.permit.id),
    historyChanged.flatMap((line) => line.history),
  );
  const inserted = changed.filter((c) => c.inserted).length;
  return { inserted, updated: changed.length - inserted + onlyHistoryChanged.length };
}
