// `vaka risk rank`: the national risk ranking as of a date, as the exchange-format spec's CLI contract says.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { UsageError } from '../../platform/cli-errors.ts';
import { migrateToLatest, openDatabase, type Db } from '../../platform/db/database.ts';
import { loadReferenceData } from '../registry/reference-data.ts';
import { importWorld } from '../exchange/index.ts';
import { scoreUnits, type UnitRisk } from './score-units.ts';
import { asOfDate } from './risk-data.ts';
import { UNIT_FORMS } from '../registry/codes.ts';
import { drainRescoreRequests } from './scoring/index.ts';
import { swedishToday } from '../../platform/dates.ts';

export interface RiskCliIo {
  /** Where results go (default: standard output). */
  out: (text: string) => void;
}

interface RankOptions {
  data?: string;
  asOf?: string;
  form?: string;
  top?: number;
  json?: boolean;
}

function parseTop(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 1) throw new UsageError(`--top must be a positive integer, got "${raw}"`);
  return value;
}

function checkAsOf(raw: string | undefined): string {
  if (!raw) throw new UsageError('--as-of YYYY-MM-DD is required');
  try {
    return asOfDate(raw).date;
  } catch {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${raw}"`);
  }
}

/** With --data: a throw-away in-memory embedded database, migrated and loaded with the directory. */
async function withDataDirectory<T>(dir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase({});
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    await importWorld(handle.db, dir, { actor: 'cli:risk-rank' });
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/** Without --data: the configured database (PostgreSQL or the embedded one), as every other command. */
async function withConfiguredDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

function formatText(units: UnitRisk[]): string {
  return units
    .map((u) => [`${u.rank}. ${u.unitId}  ${u.score.toFixed(2)}`, ...u.reasons.map((r) => `   - ${r}`)].join('\n'))
    .join('\n');
}

/** Adds `risk rank` to the command-line program. */
export function registerRiskCommands(program: Command, io: RiskCliIo = { out: (text) => process.stdout.write(text) }): void {
  const risk = program.command('risk').description('risk analysis: national ranking of units');
  risk
    .command('rank')
    .description('rank units as of a date using only what was known then')
    .option('--data <dir>', 'an exchange-format directory, ranked in a throw-away embedded database')
    .option('--as-of <date>', 'YYYY-MM-DD: only signals received, indicator periods ended, inspections held and permit decisions taken by then count')
    .option('--form <code>', 'only units of this form of operation, e.g. hvb')
    .option('--top <k>', 'only the k riskiest units', parseTop)
    .option('--json', 'print a JSON array [{"unitId", "rank", "score", "reasons"}]')
    .action(async (options: RankOptions) => {
      const asOf = checkAsOf(options.asOf);
      if (options.form !== undefined && !Object.hasOwn(UNIT_FORMS, options.form)) {
        throw new UsageError(`--form must be a form code (${Object.keys(UNIT_FORMS).join(', ')}), got "${options.form}"`);
      }
      const rank = (db: Db) => scoreUnits(db, { asOf, form: options.form, top: options.top });
      const units = options.data ? await withDataDirectory(options.data, rank) : await withConfiguredDatabase(rank);
      if (options.json) {
        io.out(`${JSON.stringify(units.map((u) => ({ unitId: u.unitId, rank: u.rank, score: u.score, reasons: u.reasons })))}\n`);
      } else {
        io.out(units.length > 0 ? `${formatText(units)}\n` : 'Inga verksamheter.\n');
      }
    });
  risk
    .command('recompute')
    .description('score every open unit of the configured database now and store the scores (the nightly national run, on command)')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today in Sweden)')
    .action(async (options: { asOf?: string }) => {
      const asOf = options.asOf === undefined ? swedishToday() : checkAsOf(options.asOf);
      const started = Date.now();
      io.out(`Scoring every open unit as of ${asOf} ...\n`);
      const result = await withConfiguredDatabase((db) => drainRescoreRequests(db, { asOf, national: true }));
      io.out(`Scored ${result.rescored} units in ${((Date.now() - started) / 1000).toFixed(1)} s; ${result.alerts} new alerts.\n`);
    });
}
