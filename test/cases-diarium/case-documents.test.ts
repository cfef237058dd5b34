import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffDocumentType } from '../../src/modules/cases/diarium/document-files.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildUnit } from '../support/factories.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { auditRowsAfter, FILES, lastAuditId, openTestCase, personOf, requests, snapshot } from './helpers.ts';

describe('document files are recognised by their content', () => {
  it('takes PDF, PNG, JPEG, Word and plain text, whatever they are called, and nothing else', () => {
    expect(sniffDocumentType(FILES.pdf)).toBe('application/pdf');
    expect(sniffDocumentType(FILES.png)).toBe('image/png');
    expect(sniffDocumentType(FILES.jpeg)).toBe('image/jpeg');
    expect(sniffDocumentType(FILES.docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffDocumentType(FILES.text)).toBe('text/plain; charset=utf-8');
    expect(sniffDocumentType(FILES.exe)).toBeUndefined();
    expect(sniffDocumentType(FILES.html)).toBeUndefined();
    expect(sniffDocumentType(FILES.zip)).toBeUndefined();
    // A PDF cut off before its end is not a whole PDF; Latin-1 text is not UTF-8.
    expect(sniffDocumentType(FILES.pdf.subarray(0, 20))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('R\xe4ksm\xf6rg\xe5s', 'latin1'))).toBeUndefined();
  });
});

describe.each(databaseKinds)('registering documents and their files on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof requests>;
  let inspector: SignedIn;
  let caseId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    http = requests(t);
    const unit = await buildUnit(t.database.db, { kommun: '0180' });
    inspector = await signInAs(t, 'inspector', 'stockholm');
    caseId = (await openTestCase(t.database.db, { unitId: unit.id, responsible: personOf(inspector) })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const form = (subject: string, secrecy = 'public') => ({ direction: 'incoming', documentDate: '2026-03-01', counterpart: 'Verksamheten', subject, secrecy, secrecyReference: secrecy === 'public' ? '' : '25 kap. 1 § OSL' });
  const documentOf = (subject: string) => db().selectFrom('case_document').selectAll().where('case_id', '=', caseId).where('subject', '=', subject).executeTakeFirstOrThrow();
  const versionsOf = (documentId: number) => db().selectFrom('case_document_version').select(['version', 'filename', 'media_type', 'size', 'sha256', 'uploaded_by']).where('document_id', '=', documentId).orderBy('version').execute();

  it('keeps each accepted kind with the type its content has, its size and SHA-256, numbered in turn', async () => {
    const kinds: [keyof typeof FILES, string, string][] = [
      ['pdf', 'yttrande.pdf', 'application/pdf'],
      ['png', 'foto.dat', 'image/png'],
      ['jpeg', 'bild.jpg', 'image/jpeg'],
      ['docx', 'beslut.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['text', 'anteckning.txt', 'text/plain; charset=utf-8'],
    ];
    for (const [key, name, mediaType] of kinds) {
      const response = await http.upload(`/staff/arenden/${caseId}/handlingar`, inspector, form(`Handling ${key}`), { name, type: 'application/x-claimed', content: FILES[key] });
      expect(`${key}: ${response.statusCode}`).toBe(`${key}: 303`);
      const document = await documentOf(`Handling ${key}`);
      expect(await versionsOf(document.id)).toEqual([
        { version: 1, filename: name, media_type: mediaType, size: FILES[key].length, sha256: createHash('sha256').update(FILES[key]).digest('hex'), uploaded_by: inspector.subject },
      ]);
    }
    const numbers = (await db().selectFrom('case_document').select('document_number').where('case_id', '=', caseId).orderBy('document_number').execute()).map((d) => d.document_number);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a file of another kind, an empty one, one over 10 MB and two at once, naming the field and writing nothing', async () => {
    const refusals: [string, { name: string; content: Uint8Array } | 'two', number, string][] = [
      ['a program', { name: 'virus.pdf', content: FILES.exe }, 400, 'Filen måste vara en PDF, en PNG- eller JPEG-bild, ett Word-dokument (DOCX) eller en textfil'],
      ['markup with binary in it', { name: 'sida.txt', content: FILES.html }, 400, 'Filen måste vara en PDF'],
      ['an archive that is no Word document', { name: 'paket.docx', content: FILES.zip }, 400, 'Filen måste vara en PDF'],
      ['an empty file', { name: 'tom.pdf', content: new Uint8Array(0) }, 400, 'Filen är tom'],
      ['a file over 10 MB', { name: 'stor.pdf', content: Buffer.concat([FILES.pdf.subarray(0, 9), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), Buffer.from('%%EOF')]) }, 400, 'Filen är större än 10 MB'],
      ['two files', 'two', 400, 'Ladda upp en fil i taget'],
    ];
    for (const [what, file, status, message] of refusals) {
      const before = await snapshot(db());
      let response;
      if (file === 'two') {
        const data = new FormData();
        data.append('_csrf', inspector.csrfToken);
        for (const [k, v] of Object.entries(form('Två filer'))) data.append(k, v);
        data.append('file', new Blob([FILES.pdf]), 'a.pdf');
        data.append('file', new Blob([FILES.pdf]), 'b.pdf');
        const encoded = new Request('http://localhost/', { method: 'POST', body: data });
        response = await t.app.inject({ method: 'POST', url: `/staff/arenden/${caseId}/handlingar`, headers: { ...inspector.headers, 'content-type': encoded.headers.get('content-type')! }, payload: Buffer.from(await encoded.arrayBuffer()) });
      } else {
        response = await http.upload(`/staff/arenden/${caseId}/handlingar`, inspector, form(`Avvisad: ${what}`), file);
      }
      expect(`${what}: ${response.statusCode}`).toBe(`${what}: ${status}`);
      expect(response.body).toContain(message);
      if (file !== 'two') {
        expect(response.body).toContain('href="#file"');
        // The rest of the form is kept for the next try.
        expect(response.body).toContain(`Avvisad: ${what}`);
      }
      expect(await snapshot(db())).toEqual(before);
    }
  });

  it('takes a file of just under 10 MB', async () => {
    const big = Buffer.concat([FILES.pdf.subarray(0, 9), Buffer.alloc(10 * 1024 * 1024 - 100, 0x20), Buffer.from('\n%%EOF\n')]);
    const response = await http.upload(`/staff/arenden/${caseId}/handlingar`, inspector, form('Stor bilaga'), { name: 'stor.pdf', content: big });
    expect(response.statusCode).toBe(303);
    expect((await versionsOf((await documentOf('Stor bilaga')).id))[0].size).toBe(big.length);
  });

  it('refuses a document without its secrecy reference or with a personnummer in its public description', async () => {
    const before = await snapshot(db());
    const noReference = await http.upload(`/staff/arenden/${caseId}/handlingar`, inspector, { ...form('Sekretess utan lagrum', 'secret'), secrecyReference: '' });
    expect(noReference.statusCode).toBe(400);
    expect(noReference.body).toContain('href="#secrecyReference"');
    const personnummer = await http.post(`/staff/arenden/${caseId}/handlingar`, inspector, form('Journal för 19121212-1212'));
    expect(personnummer.statusCode).toBe(400);
    expect(personnummer.body).toContain('Beskrivningen är offentlig: skriv den utan personnummer');
    const badDate = await http.post(`/staff/arenden/${caseId}/handlingar`, inspector, { ...form('Fel datum'), documentDate: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#documentDate"');
    expect(await snapshot(db())).toEqual(before);
  });

  it('adds versions that are listed with who, when and SHA-256, and gives each back as it was, with the read audited', async () => {
    const document = await documentOf('Handling pdf');
    const second = Buffer.from('Reviderat yttrande, version två.\n', 'utf8');
    const response = await http.upload(`/staff/arenden/${caseId}/handlingar/${document.id}/versioner`, inspector, {}, { name: 'yttrande-v2.txt', content: second });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/staff/arenden/${caseId}/handlingar/${document.id}?klart=version`);
    const versions = await versionsOf(document.id);
    expect(versions.map((v) => [v.version, v.filename, v.sha256])).toEqual([
      [1, 'yttrande.pdf', createHash('sha256').update(FILES.pdf).digest('hex')],
      [2, 'yttrande-v2.txt', createHash('sha256').update(second).digest('hex')],
    ]);
    const page = await http.get(`/staff/arenden/${caseId}/handlingar/${document.id}`, inspector);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(versions[1].sha256);
    expect(page.body).toContain(inspector.name);

    const noFile = await http.upload(`/staff/arenden/${caseId}/handlingar/${document.id}/versioner`, inspector, {});
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Välj en fil att ladda upp');

    const before = await lastAuditId(db());
    const download = await http.get(`/staff/arenden/${caseId}/handlingar/${document.id}/versioner/1`, inspector);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment; filename="yttrande.pdf"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(FILES.pdf)).toBe(true);
    const audit = await auditRowsAfter(db(), before);
    expect(audit).toEqual([expect.objectContaining({ action: 'case.read', entity_id: String(caseId), actor: `staff:${inspector.subject}`, details: expect.objectContaining({ what: 'document file', version: 1 }) })]);

    // A text file whose first bytes look like a deflate header ("Hj") comes back byte for byte to a browser that
    // accepts compression: uploaded files are never run through it.
    const text = Buffer.from(`Hjälpmedel och rutiner.\n${'Rad i minnesanteckningen. '.repeat(80)}`, 'utf8');
    expect((await http.upload(`/staff/arenden/${caseId}/handlingar/${document.id}/versioner`, inspector, {}, { name: 'minnes.txt', content: text })).statusCode).toBe(303);
    const textDownload = await t.app.inject({ url: `/staff/arenden/${caseId}/handlingar/${document.id}/versioner/3`, headers: { ...inspector.headers, 'accept-encoding': 'br, gzip' } });
    expect(textDownload.statusCode).toBe(200);
    expect(textDownload.headers['content-encoding']).toBeUndefined();
    expect(textDownload.rawPayload.equals(text)).toBe(true);
    expect((await http.get(`/staff/arenden/${caseId}/handlingar/${document.id}/versioner/4`, inspector)).statusCode).toBe(404);
    expect((await http.get(`/staff/arenden/${caseId}/handlingar/999999/versioner/1`, inspector)).statusCode).toBe(404);
  });
});
