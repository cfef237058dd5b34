import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase, databaseKinds } from '../../../test/support/databases.ts';
import { recordAudit, verifyAuditChain } from './index.ts';

describe.each(databaseKinds)('audit log on %s', (kind) => {
  let database: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
  });

  async function writeThree() {
    for (const id of ['U1', 'U2', 'U3']) {
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, { actor: 'staff:anna', action: 'unit.read', entityType: 'unit', entityId: id, reason: 'tillsyn', details: { b: 1, a: [1, 2] } }),
      );
    }
  }

  it('chains rows and verifies an untouched log', async () => {
    await writeThree();
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 3 });
  });

  it('refuses updates and deletes', async () => {
    await writeThree();
    await expect(sql`update audit_log set actor = 'x' where id = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('names the edited row when someone bypasses the trigger', async () => {
    await writeThree();
    const second = await database.db.selectFrom('audit_log').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set entity_id = 'U9' where id = ${second.id}`.execute(database.db);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: second.id });
  });

  it('rolls back with the change it records', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: 'a', action: 'x', entityType: 'unit' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 0 });
  });
});
