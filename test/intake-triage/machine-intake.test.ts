import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/modules/intake/machine/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { countRows } from './signals.ts';

type Unit = Awaited<ReturnType<typeof buildUnit>>;

describe.each(databaseKinds)('machine intake (POST /api/v1/signals) on %s', (kind) => {
  let t: TestApp;
  let unit: Unit;
  let client: { id: string; secret: string };
  let basic: string;
  let keyCounter = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    unit = await buildUnit(t.database.db, { name: 'Solrosens äldreboende', form: 'sabo', kommun: '0180' });
    client = await createApiClient(t.database.db, { id: 'arbetsmiljoverket', name: 'Arbetsmiljöverket', channel: 'work_environment' });
    basic = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/signals', headers: { 'content-type': 'application/json', authorization: basic, ...headers }, payload: JSON.stringify(body) });
  const newKey = () => `key-${process.pid}-${++keyCounter}`;
  const body = { text: 'Arbetsmiljösignal: hög sjukfrånvaro och hot mot personal.', unitId: undefined as string | undefined, severity: 2, riskAreas: ['staffing_competence'] };

  it('stores the stored client secret only as a hash', async () => {
    const row = await db().selectFrom('api_client').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(client.secret);
    expect(row.channel).toBe('work_environment');
  });

  it('receives a signal once per Idempotency-Key: the same request again gets the same answer and no second signal', async () => {
    const key = newKey();
    const signals = await countRows(db(), 'signal');
    const first = await send({ ...body, unitId: unit.id, occurredAt: '2026-11-20' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const answer = first.json();
    expect(answer).toMatchObject({ channel: 'work_environment', unitId: unit.id, unitMatch: 'given', departmentCode: 'stockholm', urgency: 'normal', riskAreas: ['staffing_competence'] });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const row = await db().selectFrom('signal').selectAll().where('id', '=', answer.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'work_environment', submitter_kind: 'authority', occurred_on: '2026-11-20', severity: 2, triage_status: 'new', extra: { apiClient: client.id } });
    const audit = await db().selectFrom('audit_log').select(['actor', 'action']).where('entity_id', '=', answer.id).execute();
    expect(audit).toEqual([{ actor: `api:${client.id}`, action: 'signal.receive' }]);

    // Keys in another order are the same body.
    const again = await send({ occurredAt: '2026-11-20', riskAreas: ['staffing_competence'], severity: 2, unitId: unit.id, text: body.text }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(answer);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countRows(db(), 'signal')).toBe(signals + 1);
  });

  it('refuses the same key with a different body with 409, creating nothing', async () => {
    const key = newKey();
    expect((await send({ ...body, unitId: unit.id }, { 'idempotency-key': key })).statusCode).toBe(201);
    const signals = await countRows(db(), 'signal');
    const conflict = await send({ ...body, unitId: unit.id, text: 'Något helt annat.' }, { 'idempotency-key': key });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'conflict', fields: [{ field: 'Idempotency-Key' }] });
    expect(await countRows(db(), 'signal')).toBe(signals);
  });

  it('answers concurrent retries with one signal', async () => {
    const key = newKey();
    const signals = await countRows(db(), 'signal');
    const answers = await Promise.all([1, 2, 3].map(() => send({ ...body, unitId: unit.id }, { 'idempotency-key': key })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await countRows(db(), 'signal')).toBe(signals + 1);
  });

  it('gives 401 to a wrong secret, an unknown client or no credentials, before reading the body', async () => {
    const signals = await countRows(db(), 'signal');
    const wrong = await send(body, { 'idempotency-key': newKey(), authorization: `Basic ${Buffer.from(`${client.id}:wrong`).toString('base64')}` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Basic');
    expect(wrong.json().error.code).toBe('unauthenticated');
    expect((await send(body, { 'idempotency-key': newKey(), authorization: `Basic ${Buffer.from(`nobody:${client.secret}`).toString('base64')}` })).statusCode).toBe(401);
    expect((await send(body, { 'idempotency-key': newKey(), authorization: 'Bearer not-a-secret' })).statusCode).toBe(401);
    expect((await send({ nonsense: true }, { authorization: '' })).statusCode).toBe(401);
    expect(await countRows(db(), 'signal')).toBe(signals);
  });

  it('takes the secret as a Bearer token, and matches a unit from what the sender knows', async () => {
    const response = await send(
      { text: 'Tillsyn visar brister i hygienrutinerna.', unit: { name: 'Solrosens äldreboende', kommun: '0180' }, urgency: 'high' },
      { 'idempotency-key': newKey(), authorization: `Bearer ${client.secret}` },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ unitId: unit.id, unitMatch: 'automatic', urgency: 'high' });
  });

  it('answers bad input with 400 naming the field, and stores nothing', async () => {
    const signals = await countRows(db(), 'signal');
    const records = await countRows(db(), 'idempotency_record');
    const cases: [unknown, Record<string, string>, string][] = [
      [body, {}, 'idempotency-key'],
      [{ ...body, text: '' }, { 'idempotency-key': newKey() }, 'text'],
      [{ severity: 2 }, { 'idempotency-key': newKey() }, 'text'],
      [{ ...body, severity: 9 }, { 'idempotency-key': newKey() }, 'severity'],
      [{ ...body, urgency: 'panic' }, { 'idempotency-key': newKey() }, 'urgency'],
      [{ ...body, riskAreas: ['nonsense'] }, { 'idempotency-key': newKey() }, 'riskAreas'],
      [{ ...body, unit: { kommun: '12' } }, { 'idempotency-key': newKey() }, 'unit.kommun'],
      [{ ...body, unit: { kommun: '9999' } }, { 'idempotency-key': newKey() }, 'unit.kommun'],
      [{ ...body, occurredAt: 'igår' }, { 'idempotency-key': newKey() }, 'occurredAt'],
      [{ ...body, unitId: 'U-finns-inte' }, { 'idempotency-key': newKey() }, 'unitId'],
      [{ ...body, channel: 'police' }, { 'idempotency-key': newKey() }, 'channel'],
      [{ ...body, channel: 'tip' }, { 'idempotency-key': newKey() }, 'channel'],
    ];
    for (const [payload, headers, field] of cases) {
      const response = await send(payload, headers);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = response.json().error.fields as { field: string }[];
      expect(fields.map((f) => f.field).join(' '), JSON.stringify(payload)).toContain(field);
    }
    expect(await countRows(db(), 'signal')).toBe(signals);
    expect(await countRows(db(), 'idempotency_record')).toBe(records);
  });

  it('is documented in the OpenAPI document under the intake tag', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/v1/signals'].post;
    expect(operation.tags).toEqual(['intake']);
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })]));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '409']));
    expect(operation.requestBody.content['application/json'].schema.properties).toHaveProperty('text');
  });

  it('refuses to create a client with a bad id or channel', async () => {
    await expect(createApiClient(db(), { id: 'Has Spaces', name: 'x', channel: 'police' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(createApiClient(db(), { id: 'ok-id', name: 'x', channel: 'tip' as never })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
