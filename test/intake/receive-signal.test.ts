import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { receiveSignal, nameSimilarity, type SignalClassifier } from '../../src/modules/intake/index.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';

const fixedClassifier = (urgency: 'acute' | 'high' | 'normal'): SignalClassifier => ({
  classify: () => ({ riskAreas: [{ code: 'safety_abuse', score: 0.9 }], urgency, explanation: 'test' }),
});

describe('unit name similarity', () => {
  it('ranks the same name with other words above a different name', () => {
    expect(nameSimilarity('HVB Ekbacken', 'Ekbacken HVB AB')).toBeGreaterThan(nameSimilarity('HVB Ekbacken', 'HVB Granbacken'));
    expect(nameSimilarity('Solrosens äldreboende', 'Solrosens Äldreboende')).toBe(1);
  });
});

describe.each(databaseKinds)('receiving a signal on %s', (kind) => {
  let database: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
  });

  it('routes a signal about a picked unit to the department of its län, classified, awaiting triage', async () => {
    const unit = await buildUnit(database.db, { kommun: '1480', postal_code: '41101', city: 'Göteborg' });
    const received = await database.db.transaction().execute((trx) =>
      receiveSignal(trx, { channel: 'tip', text: 'Personalen slår barnen', unitId: unit.id, submitterKind: 'anonymous' }, { classifier: fixedClassifier('high'), actor: 'anonymous' }),
    );
    expect(received).toMatchObject({ unitId: unit.id, unitMatch: 'given', departmentCode: 'vast', urgency: 'high', riskAreas: ['safety_abuse'] });
    const row = await database.db.selectFrom('signal').selectAll().where('id', '=', received.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ triage_status: 'new', submitter_kind: 'anonymous', contact: null, provider_id: unit.provider_id });
    expect(await database.db.selectFrom('outbox_email').selectAll().execute()).toEqual([]);
  });

  it('matches a described unit by name and kommun, and leaves a vague one for a person', async () => {
    const unit = await buildUnit(database.db, { name: 'HVB Ekbacken', kommun: '0180' });
    await buildUnit(database.db, { name: 'Vårdcentralen Fruängen', kommun: '0180', form: 'vardcentral' });
    const [matched, vague] = await database.db.transaction().execute(async (trx) => [
      await receiveSignal(trx, { channel: 'tip', text: 'x', unitHint: { name: 'Ekbacken HVB', kommun: '0180' }, submitterKind: 'anonymous' }, { classifier: fixedClassifier('normal'), actor: 'anonymous' }),
      await receiveSignal(trx, { channel: 'tip', text: 'x', unitHint: { name: 'boendet vid sjön', kommun: '0180' }, submitterKind: 'anonymous' }, { classifier: fixedClassifier('normal'), actor: 'anonymous' }),
    ]);
    expect(matched).toMatchObject({ unitId: unit.id, unitMatch: 'automatic', departmentCode: 'stockholm' });
    expect(vague).toMatchObject({ unitId: null, unitMatch: 'unmatched', departmentCode: 'stockholm' });
  });

  it('queues an e-mail to the department on duty for an acute signal, in the same transaction', async () => {
    const unit = await buildUnit(database.db, { kommun: '2480', postal_code: '90326', city: 'Umeå' });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await receiveSignal(trx, { channel: 'child_line', text: 'x', unitId: unit.id, submitterKind: 'anonymous' }, { classifier: fixedClassifier('acute'), actor: 'anonymous' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.selectFrom('outbox_email').selectAll().execute()).toEqual([]);
    const received = await database.db.transaction().execute((trx) =>
      receiveSignal(trx, { channel: 'child_line', text: 'x', unitId: unit.id, submitterKind: 'anonymous' }, { classifier: fixedClassifier('acute'), actor: 'anonymous', publicUrl: 'http://vaka.test' }),
    );
    const mails = await database.db.selectFrom('outbox_email').selectAll().execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: 'tillsyn.nord@vaka.example', sent_at: null });
    expect(mails[0].body).toContain(`http://vaka.test/staff/signals/${received.id}`);
  });

  it('refuses an unknown unit and writes nothing', async () => {
    await expect(
      database.db.transaction().execute((trx) =>
        receiveSignal(trx, { channel: 'tip', text: 'x', unitId: 'U-nope', submitterKind: 'anonymous' }, { classifier: fixedClassifier('normal'), actor: 'anonymous' }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'unitId' }] });
    expect(await database.db.selectFrom('signal').select('id').execute()).toEqual([]);
  });
});
