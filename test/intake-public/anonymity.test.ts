import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createTestDatabase, databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { formToken, hiddenValue, postForm, receiptCodeOf, SMALL_PDF, smallJpeg, smallPng, testPersonnummer, type Fields, type FilePart } from './support.ts';

// Acceptance: nothing that identifies an anonymous sender is stored. Every request below comes from one IP
// address with one distinctive user agent (and the proxy headers that would carry them); afterwards every
// column of every row in the database, and every line the app logged at level trace, is searched for them.

const IP = '203.0.113.77';
const USER_AGENT = 'Mozilla/5.0 (VakaAnonymityProbe; rv:7f3k9q) Gecko/20100101 ProbeFox/131.0';
const UA_MARKER = 'VakaAnonymityProbe';
const IDENTIFYING_HEADERS = { 'user-agent': USER_AGENT, 'x-forwarded-for': IP, 'x-real-ip': IP, forwarded: `for=${IP}`, 'accept-language': 'sv-SE,sv;q=0.9' };

const hex = (text: string) => Buffer.from(text).toString('hex');

describe.each(databaseKinds)('an anonymous sender on %s', (kind) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let config: Config;
  const logLines: string[] = [];
  const originalWrite = process.stdout.write;
  const responses: LightMyRequestResponse[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    config = loadConfig({ VAKA_DEMO: 'false', LOG_LEVEL: 'trace' });
    // The app logs to standard output; catch every line (pino writes through process.stdout.write when it has
    // been replaced), and keep it out of the test report.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    app = await buildApp({ config, db: database.db, dbKind: database.kind }, { logger: true });
    await app.ready();
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    await app?.close();
    await database?.close();
  });

  async function get(url: string) {
    const response = await app.inject({ url, remoteAddress: IP, headers: { ...IDENTIFYING_HEADERS, accept: 'text/html' } });
    responses.push(response);
    return response;
  }
  async function post(url: string, fields: Fields, files?: FilePart[]) {
    const response = await postForm(app, url, fields, { files, multipart: url.endsWith('/skriv') && !url.startsWith('/klagomal'), remoteAddress: IP, headers: IDENTIFYING_HEADERS });
    responses.push(response);
    return response;
  }

  it('leaves no trace of their IP address or user agent in any row or any log line', async () => {
    const unit = await buildUnit(database.db, { name: 'Solgläntans HVB', kommun: '0180' });
    const token = () => formToken(config.sessionSecret);

    // The whole flow, as a tipster would go through it, plus the mistakes people make.
    await get('/tipsa');
    await get('/tipsa/verksamhet?namn=solgl%C3%A4ntan');
    const form = await get(`/tipsa/skriv?enhet=${unit.id}`);
    expect(hiddenValue(form.body, 'formToken')).toBeTruthy();
    await post('/tipsa/skriv', { unitId: unit.id, what: '', formToken: token() });
    const sent = await post('/tipsa/skriv', { unitId: unit.id, what: 'Nattpersonalen sover och barnen är utan tillsyn.', contact: 'no', formToken: token() }, [
      { name: 'bild.png', type: 'image/png', content: smallPng() },
      { name: 'foto.jpg', type: 'image/jpeg', content: smallJpeg('Canon EOS') },
      { name: 'brev.pdf', type: 'application/pdf', content: SMALL_PDF },
    ]);
    expect(sent.statusCode).toBe(200);
    const code = receiptCodeOf(sent.body)!;
    await post('/synpunkter', { service: 'tipsa', rating: '4', comment: 'Lätt att använda', formToken: token() });
    await post('/tipsa/uppfoljning', { code: 'AAAA-AAAA-AAAA-AAAA-AAAA' });
    const { signal_id } = await database.db.selectFrom('signal_receipt').select('signal_id').executeTakeFirstOrThrow();
    await database.db.insertInto('signal_message').values({ signal_id, direction: 'to_sender', author: 'staff-1', body: 'Vilken natt?' }).execute();
    const thread = await post('/tipsa/uppfoljning', { code });
    expect(thread.body).toContain('Vilken natt?');
    expect((await post('/tipsa/uppfoljning/svar', { code, message: 'Natten till lördag.', formToken: token() })).statusCode).toBe(200);
    expect((await post('/ung/skriv', { what: 'Någon tar mina saker på boendet.', formToken: token() })).statusCode).toBe(200);
    expect(
      (
        await post('/klagomal/skriv', {
          complainantName: 'Robin Ek',
          complainantPersonnummer: testPersonnummer(9282),
          complainantPhone: '070-111 22 33',
          relation: 'self',
          unitId: unit.id,
          'eventDate-day': '3',
          'eventDate-month': '10',
          'eventDate-year': '2026',
          what: 'Fick vänta i tio timmar.',
          harmKinds: 'temporary',
          harm: 'Smärta.',
          formToken: token(),
        })
      ).statusCode,
    ).toBe(200);
    await get('/finns-inte');

    // Nothing set a cookie.
    for (const response of responses) expect(response.headers['set-cookie']).toBeUndefined();

    // Every column of every table, as text (bytea as hex), searched for the address and the user agent.
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(database.db);
    expect(columns.rows.length).toBeGreaterThan(50);
    const needles = [IP, UA_MARKER, hex(IP), hex(UA_MARKER).toLowerCase()];
    const hits: string[] = [];
    let rowsSearched = 0;
    for (const { table_name, column_name } of columns.rows) {
      const column = sql.ref(`${table_name}.${column_name}`);
      const { rows } = await sql<{ hits: number; total: number }>`
        select count(*) filter (where ${column}::text like any (${needles.map((n) => `%${n}%`)}::text[]))::int as hits, count(*)::int as total
        from ${sql.table(table_name)}`.execute(database.db);
      rowsSearched += rows[0].total;
      if (rows[0].hits > 0) hits.push(`${table_name}.${column_name}`);
    }
    expect(hits).toEqual([]);
    // The search did look at the rows the flow wrote.
    expect(rowsSearched).toBeGreaterThan(20);
    expect(await database.db.selectFrom('signal_attachment').select('id').execute()).toHaveLength(3);

    // The logs: trace level, every request logged — and neither the address nor the user agent anywhere.
    const log = logLines.join('');
    expect(log).toContain('incoming request');
    expect(log).toContain('/tipsa/skriv');
    expect(logLines.length).toBeGreaterThan(responses.length);
    for (const needle of [IP, UA_MARKER, 'ProbeFox']) expect(log).not.toContain(needle);
  });
});
