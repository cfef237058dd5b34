import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from './platform/config.ts';
import { migrateToLatest, openDatabase } from './platform/db/database.ts';
import { UsageError } from './platform/cli-errors.ts';
import { loadReferenceData } from './modules/registry/index.ts';
import { exportWorld, importWorld } from './modules/exchange/index.ts';
import { generateWorld, writeWorld } from './modules/demo/index.ts';
import { verifyAuditChain } from './platform/audit/index.ts';
import { registerClassifyCommand } from './modules/intake/classifier/index.ts';
import { registerRiskCommands } from './modules/risk/index.ts';

const progress = (message: string) => process.stderr.write(`${message}\n`);

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
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

function positiveInteger(name: string) {
  return (raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
}

const program = new Command('vaka').description('Vaka: supervision of health and social care').exitOverride();

program
  .command('serve')
  .description('run the web application (embedded database and demo world by default)')
  .action(async () => {
    const { startServer } = await import('./server.ts');
    const server = await startServer(loadConfig());
    const shutdown = (signal: string) => {
      server.app.log.info(`${signal} received, shutting down`);
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    await withDatabase(async () => undefined);
    progress('Database is up to date.');
  });

program
  .command('import')
  .description('import an exchange-format directory (all or nothing, idempotent)')
  .requiredOption('--from <dir>', 'directory with providers.jsonl, units.jsonl, ...')
  .action(async (options: { from: string }) => {
    const summary = await withDatabase((db) => importWorld(db, options.from, { onProgress: progress, actor: 'cli' }));
    progress(`Imported: ${JSON.stringify(summary)}`);
  });

program
  .command('export')
  .description('export the whole register and its signals in the exchange format')
  .requiredOption('--to <dir>', 'directory to write')
  .action(async (options: { to: string }) => {
    const summary = await withDatabase((db) => exportWorld(db, options.to, { onProgress: progress }));
    progress(`Exported: ${JSON.stringify(summary)}`);
  });

const demo = program.command('demo').description('the demo world');
demo
  .command('generate')
  .description('write a deterministic national demo world in the exchange format')
  .requiredOption('--to <dir>', 'directory to write')
  .option('--units <n>', 'number of units', positiveInteger('--units'), 40000)
  .option('--seed <s>', 'random seed', positiveInteger('--seed'), 1)
  .action(async (options: { to: string; units: number; seed: number }) => {
    progress(`Generating ${options.units} units with seed ${options.seed} ...`);
    const world = generateWorld({ units: options.units, seed: options.seed });
    await writeWorld(options.to, world, progress);
    progress(`Demo world written to ${options.to}`);
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check the hash chain of the audit log; exit 1 and name the first broken row if tampered')
  .action(async () => {
    const result = await withDatabase((db) => verifyAuditChain(db));
    if (result.ok) {
      progress(`Audit log intact: ${result.rows} rows verified.`);
    } else {
      process.stderr.write(`Audit log broken at row ${result.brokenAt}: ${result.problem}\n`);
      process.exitCode = 1;
    }
  });

registerClassifyCommand(program);
registerRiskCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // The database refused a value that passed the checks (a data exception, SQLSTATE class 22): the input's
  // fault, so bad input, said in one line.
  if (/^22/.test(String((error as { code?: unknown }).code ?? ''))) {
    process.stderr.write(`Bad input: ${(error as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
