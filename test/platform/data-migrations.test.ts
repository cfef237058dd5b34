import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCase } from '../../src/modules/cases/index.ts';
import { sendRequest } from '../../src/modules/cases/investigation/index.ts';
import { loadReferenceData } from '../../src/modules/registry/index.ts';
import { recordAudit } from '../../src/platform/audit/index.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/platform/db/database.ts';
import { migrations } from '../../src/platform/db/migrations/index.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';
import { historyFromSignals, storedHistory } from '../support/risk-history.ts';

/** An empty database of the kind (not the migrated test template), and how to throw it away. */
async function emptyDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({});
  const name = `vaka_migration_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return { ...handle, close: async () => { await handle.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

/** Moves the database to the named migration, up or down; an error fails the test. */
async function migrateTo(database: DatabaseHandle, name: string): Promise<void> {
  const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (error) throw error;
}

/** An empty database of the kind moved to the named migration, with the reference data; thrown away after the test. */
async function databaseAt(kind: DatabaseKind, migration: string): Promise<DatabaseHandle> {
  const database = await emptyDatabase(kind);
  onTestFinished(() => database.close());
  await migrateTo(database, migration);
  await loadReferenceData(database.db);
  return database;
}

// Migrations 008 (the staff directory) and 009 (when a request was withdrawn) carry over what a database
// running 007 already knows: the people of its sessions, and the withdrawals of its audit log.
describe.each(databaseKinds)('migrations 008 and 009 on a database at 007 on %s', (kind) => {
  it('fills the staff directory from the sessions and the withdrawal times from the audit log', async () => {
    const database = await databaseAt(kind, '2026_11_29_007_case_change_seq');
    const db = database.db;

    const sessions = [
      { subject: 'anna', name: 'Anna Gammalnamn', roles: ['inspector'], department: 'syd', created_at: new Date('2026-11-01T08:00:00Z') },
      { subject: 'anna', name: 'Anna Lind', roles: ['inspector'], department: 'stockholm', created_at: new Date('2026-11-20T08:00:00Z') },
      { subject: 'bo', name: 'Bo Ek', roles: ['registrar'], department: null, created_at: new Date('2026-11-10T08:00:00Z') },
      { subject: 'ombud', name: 'Olle Ombud', roles: ['provider_representative', 'org:P1'], department: null, created_at: new Date('2026-11-10T08:00:00Z') },
    ];
    for (const [i, s] of sessions.entries()) {
      await db.insertInto('staff_session').values({ ...s, id_hash: `hash-${i}`, email: null, expires_at: new Date(s.created_at.getTime() + 8 * 3600_000) }).execute();
    }

    const provider = await buildProvider(db, { name: 'Gamla Omsorgen AB' });
    const unit = await buildUnit(db, { provider_id: provider.id, name: 'HVB Gamlegården', kommun: '0180' });
    const opened = await openCase(db, { diariumTemplate: '{class}-{number:5}/{year}', actor: { subject: 'anna', name: 'Anna Lind' } }, { caseType: 'complaint', title: 'Klagomål', unitId: unit.id, responsible: { subject: 'anna', name: 'Anna Lind' } });
    const staff = { subject: 'anna', name: 'Anna Lind', roles: ['inspector' as const], department: 'stockholm' };
    const send = (subject: string) => sendRequest(db, { caseId: opened.id, staff, input: { subject, body: 'Svara.', replyBy: '2026-12-20', secret: false }, today: '2026-11-21' });
    const withdrawn = await send('Återkallad förr');
    const open = await send('Fortfarande öppen');
    // A withdrawal as 007's code made it: the status and an audit row.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('case_request').set({ status: 'withdrawn' }).where('id', '=', withdrawn.id).execute();
      await recordAudit(trx, { actor: 'staff:anna', action: 'case.request_withdraw', entityType: 'case', entityId: String(opened.id), details: { requestId: withdrawn.id } });
    });
    const auditedAt = (await db.selectFrom('audit_log').select('occurred_at').where('action', '=', 'case.request_withdraw').executeTakeFirstOrThrow()).occurred_at;

    expect((await migrateToLatest(db)).slice(0, 2)).toEqual(['2026_11_29_008_staff_directory', '2026_11_29_009_request_withdrawal']);

    const members = await db.selectFrom('staff_member').selectAll().orderBy('subject').execute();
    expect(members).toEqual([
      { subject: 'anna', name: 'Anna Lind', email: null, roles: ['inspector'], department: 'stockholm', first_seen_at: new Date('2026-11-01T08:00:00Z'), last_seen_at: new Date('2026-11-20T08:00:00Z'), active: true },
      { subject: 'bo', name: 'Bo Ek', email: null, roles: ['registrar'], department: null, first_seen_at: new Date('2026-11-10T08:00:00Z'), last_seen_at: new Date('2026-11-10T08:00:00Z'), active: true },
    ]);
    const requests = await db.selectFrom('case_request').select(['id', 'status', 'withdrawn_at', 'withdrawn_by', 'withdrawn_by_name']).orderBy('id').execute();
    expect(requests).toEqual([
      { id: withdrawn.id, status: 'withdrawn', withdrawn_at: new Date(auditedAt), withdrawn_by: 'anna', withdrawn_by_name: 'Anna Lind' },
      { id: open.id, status: 'open', withdrawn_at: null, withdrawn_by: null, withdrawn_by_name: null },
    ]);

    // And back down again, for a rollback.
    await migrateTo(database, '2026_11_29_007_case_change_seq');
    expect((await db.selectFrom('case_request').selectAll().where('id', '=', withdrawn.id).executeTakeFirstOrThrow()).status).toBe('withdrawn');
  });
});

// Migration 010 folds the run rows that rescorings of single units used to add into the national run each
// was scored against.
describe.each(databaseKinds)('migration 010 on a database at 009 on %s', (kind) => {
  it('points rescored units at their national run and removes the single-unit runs', async () => {
    const database = await databaseAt(kind, '2026_11_29_009_request_withdrawal');
    const db = database.db;
    const units = [await buildUnit(db), await buildUnit(db)];
    const run = (kind: string, id: number) => ({ id, kind, as_of: '2026-11-20', started_at: new Date(), units: 1, summary: '{}' });
    await db.insertInto('risk_run' as never).values([run('national', 1), run('unit', 2), run('national', 3), run('unit', 4), run('unit', 5)] as never).execute();
    const score = (unitId: string, runId: number) => ({ unit_id: unitId, form: 'hvb', score: 0.1, raw: 0.1, national_rank: 1, as_of: '2026-11-20', run_id: runId });
    await db.insertInto('risk_score' as never).values([score(units[0].id, 2), score(units[1].id, 5)] as never).execute();

    await migrateTo(database, '2026_11_29_010_risk_runs_national_only');
    expect(await db.selectFrom('risk_run').select(['id', 'kind']).orderBy('id').execute()).toEqual([{ id: 1, kind: 'national' }, { id: 3, kind: 'national' }]);
    const scores = await db.selectFrom('risk_score').select(['unit_id', 'run_id']).orderBy('run_id').execute();
    expect(scores).toEqual([{ unit_id: units[0].id, run_id: 1 }, { unit_id: units[1].id, run_id: 3 }]);
    await expect(db.insertInto('risk_run').values(run('unit', 6) as never).execute()).rejects.toThrow(/risk_run_kind_check/);

    await migrateTo(database, '2026_11_29_009_request_withdrawal');
  });
});

// Migration 013 turns each unit's signal history from an integer array into 4 bytes per signal; its triggers
// keep writing the same codes, and going down gives the arrays back.
describe.each(databaseKinds)('migration 013 on a database at 012 on %s', (kind) => {
  it('keeps every history, as bytes, and its triggers write the same codes', async () => {
    const database = await databaseAt(kind, '2026_11_29_012_risk_score_without_contributions');
    const db = database.db;
    const units = [await buildUnit(db), await buildUnit(db)];
    const signal = (id: string, unitId: string, day: string, severity: number | null, urgency: string) =>
      sql`INSERT INTO signal (id, unit_id, channel, received_at, severity, urgency) VALUES (${id}, ${unitId}, 'tip', ${`${day}T10:00:00Z`}::timestamptz, ${severity}::smallint, ${urgency})`.execute(db);
    await signal('S1', units[0].id, '2026-01-05', 3, 'acute');
    await signal('S2', units[0].id, '2026-02-10', null, 'normal');
    await signal('S3', units[1].id, '2026-03-15', 2, 'high');
    const asArray = async (unitId: string) =>
      ((await sql<{ codes: number[] }>`SELECT codes FROM risk_signal_history WHERE unit_id = ${unitId}`.execute(db)).rows[0]?.codes ?? []).slice().sort((a, b) => a - b);
    const before = [await asArray(units[0].id), await asArray(units[1].id)];
    expect(before[0]).toHaveLength(2);

    await migrateTo(database, '2026_11_29_013_risk_history_bytes');
    expect([await storedHistory(db, units[0].id), await storedHistory(db, units[1].id)]).toEqual(before);
    // The triggers after the change: an insert appends, a move rebuilds both units.
    await signal('S4', units[1].id, '2026-04-20', 4, 'normal');
    await db.updateTable('signal').set({ unit_id: units[1].id }).where('id', '=', 'S1').execute();
    for (const unit of units) expect(await storedHistory(db, unit.id)).toEqual(await historyFromSignals(db, unit.id));

    await migrateTo(database, '2026_11_29_012_risk_score_without_contributions');
    for (const unit of units) expect(await asArray(unit.id)).toEqual(await historyFromSignals(db, unit.id));
    await signal('S5', units[0].id, '2026-05-01', 1, 'normal');
    expect(await asArray(units[0].id)).toEqual(await historyFromSignals(db, units[0].id));
  });
});
