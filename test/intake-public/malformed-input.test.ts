import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePersonnummer } from '../../src/modules/intake/public/forms.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { formToken, multipartBody, postForm, receiptCodeOf, rowCounts, smallPng, summaryFields, testPersonnummer, urlencodedBody, type Fields, type FilePart } from './support.ts';

// Property: every public POST endpoint, given malformed input of any kind — random strings, missing fields,
// huge values, wrong types, invalid personnummer, bad dates, bad kommun codes, unknown unit ids, extra junk —
// answers 4xx (never 5xx, never 2xx) naming the field that is wrong, and leaves every table as it was.

const RUNS = 220;

type JsonValue = unknown;
/** A malformed input: the fields to send (JSON values only with the JSON encoding), and the field(s) to blame. */
interface Malformed {
  fields: Record<string, JsonValue>;
  blame: string[];
  files?: FilePart[];
  /** Only JSON can carry numbers, objects and null. */
  jsonOnly?: boolean;
}
type Corruption = (base: Fields) => fc.Arbitrary<Malformed>;

const without = (base: Fields, field: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== field));

// ---- the kinds of wrong -------------------------------------------------------------------------------------

const missing =
  (field: string, blame = field): Corruption =>
  (base) =>
    fc.constant({ fields: without(base, field), blame: [blame] });

const blank =
  (field: string): Corruption =>
  (base) =>
    fc.constantFrom('', ' ', '\n\t ', '\u0000').map((v) => ({ fields: { ...base, [field]: v }, blame: [field] }));

const huge =
  (field: string, over: number, blame = field): Corruption =>
  (base) =>
    fc.integer({ min: over + 1, max: 100_000 }).chain((n) =>
      // No white space in the units: trimmed, the text must still be over the limit.
      fc.constantFrom('a', 'å', '<', '😀', 'ab&c=d%').map((unit) => ({ fields: { ...base, [field]: unit.repeat(Math.ceil(n / unit.length)) }, blame: [blame] })),
    );

const wrongType =
  (field: string, blame = field): Corruption =>
  (base) =>
    fc
      .oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }))
      .map((v) => ({ fields: { ...base, [field]: v }, blame: [blame], jsonOnly: true }));

const repeated =
  (field: string, blame = field): Corruption =>
  (base) =>
    fc.tuple(fc.string(), fc.string()).map(([a, b]) => ({ fields: { ...base, [field]: [a, b] }, blame: [blame] }));

/** A random string that is none of the allowed values. */
const notOneOf =
  (field: string, allowed: readonly string[], blame = field): Corruption =>
  (base) =>
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() !== '' && !allowed.includes(s.trim()))
      .map((v) => ({ fields: { ...base, [field]: v }, blame: [blame] }));

const randomCode: Corruption = (base) =>
  fc
    .oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/), fc.stringMatching(/^[a-z0-9 -]{15,30}$/))
    .filter((s) => s.trim() !== '')
    .map((v) => ({ fields: { ...base, code: v }, blame: ['code'] }));

const badPersonnummer =
  (field: string): Corruption =>
  (base) =>
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.stringMatching(/^[0-9]{10,12}$/),
        // An official test number with a wrong check digit.
        fc.nat(21_000).map((i) => {
          const n = testPersonnummer(i);
          return `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`;
        }),
        fc.nat(21_000).map((i) => `${testPersonnummer(i).slice(0, 8)}-${testPersonnummer(i).slice(8, 11)}`),
      )
      .filter((s) => s.trim() !== '' && normalisePersonnummer(s.trim()) === undefined)
      .map((v) => ({ fields: { ...base, [field]: v }, blame: [field] }));

const BAD_DATES: [string, string, string][] = [
  ['0', '1', '2026'],
  ['32', '1', '2026'],
  ['30', '2', '2026'],
  ['29', '2', '2025'],
  ['1', '13', '2026'],
  ['1', '0', '2026'],
  ['1', '1', '1800'],
  ['1', '1', '2999'],
  ['', '3', '2026'],
  ['1', '', ''],
  ['x', 'y', 'z'],
  ['1.5', '2', '2026'],
  ['-1', '2', '2026'],
  ['１', '２', '２０２６'],
  ['1', '1', '26'],
  ['001', '1', '2026'],
];
const badDate =
  (field: string): Corruption =>
  (base) =>
    fc
      .oneof(
        fc.constantFrom(...BAD_DATES),
        fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([d, m, y]) => [`x${d}`, m, y] as [string, string, string]),
      )
      .map(([day, month, year]) => ({ fields: { ...base, [`${field}-day`]: day, [`${field}-month`]: month, [`${field}-year`]: year }, blame: [field] }));

const badKommun: Corruption = (base) =>
  fc
    .oneof(fc.stringMatching(/^[0-9]{4}$/).filter((c) => !['0180', '1480'].includes(c) && !/^(0[1-9]|1[0-9]|2[0-5])/.test(c)), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\d{4}$/.test(s.trim())))
    .filter((s) => s.trim() !== '')
    .map((v) => ({ fields: { ...without(base, 'unitId'), unitName: 'Boendet vid sjön', unitKommun: v }, blame: ['unitKommun'] }));

const unknownUnit: Corruption = (base) =>
  fc.string({ minLength: 1, maxLength: 60 }).map((v) => ({ fields: { ...base, unitId: `nope-${v}` }, blame: ['unitId'] }));

const badToken: Corruption = (base) =>
  fc
    .oneof(
      fc.string({ maxLength: 100 }),
      fc.constant(undefined),
      // Signed with another secret, or not old enough.
      fc.constant(formToken('another secret that is long enough!!')),
      fc.constant('__fresh__'),
    )
    .map((v) => ({ fields: v === undefined ? without(base, 'formToken') : { ...base, formToken: v }, blame: ['formToken'] }));

const honeypot: Corruption = (base) => fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() !== '').map((v) => ({ fields: { ...base, website: v }, blame: ['website'] }));

const notAnObject: Corruption = () =>
  fc.oneof(fc.constant([]), fc.constant('text'), fc.integer()).map((v) => ({ fields: { __body__: v }, blame: ['*'], jsonOnly: true }));

const badFiles: Corruption = (base) =>
  fc
    .oneof(
      fc.uint8Array({ minLength: 1, maxLength: 2000 }).filter((b) => !(b[0] === 0xff && b[1] === 0xd8) && !(b[0] === 0x89 && b[1] === 0x50) && !(b[0] === 0x25 && b[1] === 0x50)),
      fc.constant(new Uint8Array(0)),
      fc.constant(new Uint8Array(smallPng().subarray(0, 30))),
    )
    .chain((bytes) =>
      fc.constantFrom('bild.png', 'doc.pdf', 'a.jpg', 'x').map((name) => ({ fields: base, files: [{ name, type: 'image/png', content: Buffer.from(bytes) }], blame: ['attachments'] })),
    );
const tooManyFiles: Corruption = (base) =>
  fc.integer({ min: 4, max: 7 }).map((n) => ({ fields: base, files: Array.from({ length: n }, (_, i) => ({ name: `${i}.png`, type: 'image/png', content: smallPng() })), blame: ['attachments'] }));

// ---- sending and judging ------------------------------------------------------------------------------------

type Encoding = 'urlencoded' | 'multipart' | 'json';

function send(t: TestApp, url: string, sample: Malformed, encoding: Encoding): Promise<LightMyRequestResponse> {
  const fields = { ...sample.fields };
  if (fields.formToken === '__fresh__') fields.formToken = formToken(t.config.sessionSecret, 0);
  if (sample.jsonOnly || (encoding === 'json' && !sample.files)) {
    const body = '__body__' in fields ? fields.__body__ : fields;
    return t.app.inject({ method: 'POST', url, headers: { accept: 'text/html', 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  }
  const textFields = fields as Fields;
  if (encoding === 'multipart' || sample.files) {
    const { payload, contentType } = multipartBody(textFields, sample.files);
    return t.app.inject({ method: 'POST', url, headers: { accept: 'text/html', 'content-type': contentType }, payload });
  }
  return t.app.inject({ method: 'POST', url, headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: urlencodedBody(textFields) });
}

function namedFields(response: LightMyRequestResponse): string[] {
  if (String(response.headers['content-type']).startsWith('text/html')) return summaryFields(response.body);
  try {
    return ((JSON.parse(response.body) as { error?: { fields?: { field: string }[] } }).error?.fields ?? []).map((f) => f.field);
  } catch {
    return [];
  }
}

/** Unknown extra fields: ignored, whatever they hold. */
const junk = fc.dictionary(fc.stringMatching(/^x[a-z]{2,8}$/), fc.string({ maxLength: 30 }), { maxKeys: 4 });

describe.each(databaseKinds)('malformed input to the public forms on %s', (kind) => {
  let t: TestApp;
  let unitId: string;
  let receiptCode: string;
  const token = () => formToken(t.config.sessionSecret);

  beforeAll(async () => {
    t = await createTestApp(kind);
    unitId = (await buildUnit(t.database.db, { name: 'HVB Tallbacken', kommun: '0180' })).id;
    const sent = await postForm(t.app, '/tipsa/skriv', { unitId, what: 'Något hände.', formToken: token() });
    receiptCode = receiptCodeOf(sent.body)!;
    expect(receiptCode).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function checkEndpoint(urls: string | string[], base: () => Fields, corruptions: Corruption[], encodings: Encoding[]) {
    const arbitrary = fc.tuple(
      fc.constant(null).chain(() => fc.oneof(...corruptions.map((c) => c(base())))),
      fc.constantFrom(...encodings),
      junk,
      fc.constantFrom(...(Array.isArray(urls) ? urls : [urls])),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([sample, encoding, extra, url]) => {
        runs++;
        const before = await rowCounts(t.database.db);
        const withJunk = '__body__' in sample.fields ? sample : { ...sample, fields: { ...extra, ...sample.fields } };
        const response = await send(t, url, withJunk, encoding);
        expect(response.statusCode, response.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        const named = namedFields(response);
        if (sample.blame[0] === '*') expect(named.length).toBeGreaterThan(0);
        else expect(named, `status ${response.statusCode}`).toEqual(expect.arrayContaining(sample.blame));
        expect(await rowCounts(t.database.db)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(200);
  }

  const anyEncoding: Encoding[] = ['urlencoded', 'multipart', 'json'];

  it('Tipsa: /tipsa/skriv', async () => {
    const base = (): Fields => ({ unitId, what: 'Det är för lite personal på natten.', contact: 'no', formToken: token(), website: '' });
    await checkEndpoint(
      '/tipsa/skriv',
      base,
      [
        missing('what'),
        blank('what'),
        huge('what', 10_000),
        wrongType('what'),
        repeated('what'),
        unknownUnit,
        huge('unitId', 64),
        wrongType('unitId'),
        badKommun,
        (b) => missing('unitName')({ ...without(b, 'unitId'), unitKommun: '0180' }),
        (b) => missing('unitKommun')({ ...without(b, 'unitId'), unitName: 'Boendet vid sjön' }),
        badDate('when'),
        notOneOf('contact', ['yes', 'no']),
        (b) => fc.constantFrom('inte-en-adress', 'a@b', '@example.se', 'a b@c.se').map((v) => ({ fields: { ...b, contact: 'yes', contactEmail: v }, blame: ['contactEmail'] })),
        (b) => fc.constant({ fields: { ...b, contact: 'yes' }, blame: ['contactEmail'] }),
        (b) => fc.constantFrom('abc', '12', '+46 (0) 70-a').map((v) => ({ fields: { ...b, contact: 'yes', contactPhone: v }, blame: ['contactPhone'] })),
        badFiles,
        tooManyFiles,
        (b) => fc.string({ maxLength: 20 }).map((v) => ({ fields: { ...b, attachments: v }, blame: ['attachments'] })),
        badToken,
        wrongType('formToken'),
        honeypot,
        wrongType('pow'),
        notAnObject,
      ],
      anyEncoding,
    );
  });

  it('Children and young people: /ung/skriv', async () => {
    const base = (): Fields => ({ what: 'En vuxen skriker på mig varje dag.', formToken: token() });
    await checkEndpoint(
      '/ung/skriv',
      base,
      [missing('what'), blank('what'), huge('what', 10_000), wrongType('what'), repeated('what'), unknownUnit, badKommun, huge('unitName', 200), badDate('when'), notOneOf('contact', ['yes', 'no']), badFiles, tooManyFiles, badToken, honeypot, notAnObject],
      anyEncoding,
    );
  });

  it('Complaint: /klagomal/skriv', async () => {
    const base = (): Fields => ({
      complainantName: 'Alex Andersson',
      complainantPersonnummer: testPersonnummer(9282),
      complainantEmail: 'alex@example.se',
      relation: 'relative',
      patientName: 'Bo Andersson',
      patientPersonnummer: testPersonnummer(20_001),
      unitId,
      'eventDate-day': '1',
      'eventDate-month': '9',
      'eventDate-year': '2026',
      what: 'Fel medicin.',
      harmKinds: ['permanent_injury'],
      harm: 'Fraktur.',
      formToken: token(),
    });
    await checkEndpoint(
      '/klagomal/skriv',
      base,
      [
        missing('complainantName'),
        huge('complainantName', 200),
        wrongType('complainantName'),
        missing('complainantPersonnummer'),
        badPersonnummer('complainantPersonnummer'),
        badPersonnummer('patientPersonnummer'),
        // Valid check digits, impossible birth dates: not born yet, or 146 years old.
        (b) => fc.constantFrom('20991231-1231', '20270615-1236', '18800113-9297').map((v) => ({ fields: { ...b, complainantPersonnummer: v }, blame: ['complainantPersonnummer'] })),
        (b) => fc.constantFrom('20991231-1231', '18800113-9297').map((v) => ({ fields: { ...b, patientPersonnummer: v }, blame: ['patientPersonnummer'] })),
        missing('patientPersonnummer'),
        missing('patientName'),
        missing('relation'),
        notOneOf('relation', ['self', 'relative', 'guardian', 'other']),
        (b) => fc.constant({ fields: without(b, 'complainantEmail'), blame: ['complainantEmail'] }),
        (b) => fc.constantFrom('nej', 'a@b', 'x@y.z').map((v) => ({ fields: { ...b, complainantEmail: v }, blame: ['complainantEmail'] })),
        unknownUnit,
        badKommun,
        badDate('eventDate'),
        (b) => fc.constant({ fields: { ...b, 'eventDate-day': '', 'eventDate-month': '', 'eventDate-year': '' }, blame: ['eventDate'] }),
        missing('what'),
        huge('what', 10_000),
        missing('harmKinds'),
        (b) => fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }).filter((a) => a.some((v) => !['death', 'permanent_injury', 'increased_care', 'could_have_been_serious', 'temporary', 'none_or_unknown'].includes(v))).map((v) => ({ fields: { ...b, harmKinds: v }, blame: ['harmKinds'] })),
        wrongType('harmKinds'),
        (b) => fc.constantFrom(['death', 'none_or_unknown'], ['none_or_unknown', 'temporary']).map((v) => ({ fields: { ...b, harmKinds: v }, blame: ['harmKinds'] })),
        missing('harm'),
        huge('harm', 5_000),
        badToken,
        honeypot,
        notAnObject,
      ],
      ['urlencoded', 'json', 'multipart'],
    );
  });

  it('Follow-up: /tipsa/uppfoljning and /ung/uppfoljning', async () => {
    await checkEndpoint(['/tipsa/uppfoljning', '/ung/uppfoljning'], () => ({ code: receiptCode }), [randomCode, missing('code'), huge('code', 64), wrongType('code'), repeated('code'), notAnObject], anyEncoding);
  });

  it('Answer: /tipsa/uppfoljning/svar and /ung/uppfoljning/svar', async () => {
    const base = (): Fields => ({ code: receiptCode, message: 'Det var på natten.', formToken: token(), website: '' });
    await checkEndpoint(
      ['/tipsa/uppfoljning/svar', '/ung/uppfoljning/svar'],
      base,
      [randomCode, missing('code'), wrongType('code'), missing('message'), blank('message'), huge('message', 5_000), wrongType('message'), repeated('message'), badToken, honeypot, notAnObject],
      anyEncoding,
    );
  });

  it('Feedback on the service: /synpunkter', async () => {
    const base = (): Fields => ({ service: 'tipsa', rating: '4', comment: 'Bra.', formToken: token(), website: '' });
    await checkEndpoint(
      '/synpunkter',
      base,
      [
        missing('service'),
        notOneOf('service', ['tipsa', 'ung', 'klagomal']),
        missing('rating'),
        notOneOf('rating', ['1', '2', '3', '4', '5']),
        wrongType('rating'),
        huge('comment', 2_000),
        wrongType('comment'),
        badToken,
        honeypot,
        notAnObject,
      ],
      anyEncoding,
    );
  });

  it('the GET pages answer any query without a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/tipsa/verksamhet', '/ung/verksamhet', '/klagomal/verksamhet', '/tipsa/skriv', '/ung/skriv', '/klagomal/skriv'),
        fc.dictionary(fc.constantFrom('namn', 'kommun', 'enhet', 'x'), fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.string(), { maxLength: 3 })), { maxKeys: 3 }),
        async (path, query) => {
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
          const response = await t.app.inject({ url: `${path}?${params.toString()}` });
          expect(response.statusCode).toBeLessThan(500);
          expect([200, 400, 404]).toContain(response.statusCode);
        },
      ),
      { numRuns: 100 },
    );
  });
});
