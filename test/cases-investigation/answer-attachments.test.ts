import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.ts';
import { swedishToday } from '../../src/platform/dates.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs, type SignedIn } from '../support/staff-session.ts';
import { buildProviderWithUnits, get, openTestCase, postForm, postUpload, signInAsRepresentative, SMALL_PDF } from './support.ts';

// The staff page of a case's requests links each answer's attachments to the case document's file download,
// under the download's own rule: a secret document's files for the case team only, "not found" for others.
describe.each(databaseKinds)('answer attachments on the staff requests page on %s', (kind) => {
  let t: TestApp;
  let inspector: SignedIn;
  let world: Awaited<ReturnType<typeof buildProviderWithUnits>>;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(kind);
    inspector = await signInAs(t, 'inspector', 'stockholm');
    world = await buildProviderWithUnits(db());
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A case with the inspector responsible and one request, answered by the provider with the given attachment. */
  async function answeredCase(attachment: Buffer | null) {
    const opened = await openTestCase(t, { unitId: world.unit.id, responsible: inspector });
    const form = { subject: 'Rutiner för nattetid', body: 'Skicka era rutiner för tillsyn nattetid.', replyBy: addDays(swedishToday(), 14) };
    expect((await postForm(t, inspector, `/staff/arenden/${opened.id}/begaran`, form)).statusCode).toBe(303);
    const request = await db().selectFrom('case_request').select('id').where('case_id', '=', opened.id).executeTakeFirstOrThrow();
    const representative = await signInAsRepresentative(t, [world.provider.id]);
    const url = `/provider/arenden/${opened.id}/begaran/${request.id}/svar`;
    const answered = attachment
      ? await postUpload(t, representative, url, { answer: 'Rutinen bifogas.' }, { field: 'attachment', name: 'rutin nattetid.pdf', type: 'application/pdf', content: attachment })
      : await postForm(t, representative, url, { answer: 'Vi har ingen skriftlig rutin.' });
    expect(answered.statusCode).toBe(303);
    const { incoming_document_id } = await db().selectFrom('case_request').select('incoming_document_id').where('id', '=', request.id).executeTakeFirstOrThrow();
    return { caseId: opened.id, documentId: incoming_document_id! };
  }

  it('links the answer’s attachment (name, type, size) for the case team, and the link downloads the file', async () => {
    const { caseId, documentId } = await answeredCase(SMALL_PDF);
    const page = await get(t, inspector, `/staff/arenden/${caseId}/begaran`);
    expect(page.statusCode).toBe(200);
    const href = `/staff/arenden/${caseId}/handlingar/${documentId}/versioner/1`;
    expect(page.body).toContain(`<a class="govuk-link" href="${href}"><span>bilaga-1.pdf</span></a> <span class="govuk-body-s">(PDF, ${SMALL_PDF.length} byte)</span>`);
    expect(page.body).toContain(`<a class="govuk-link" href="/staff/arenden/${caseId}/handlingar/${documentId}">aktbilaga `);

    const auditBefore = await db().selectFrom('audit_log').select('id').where('action', '=', 'case.read').where('entity_id', '=', String(caseId)).execute();
    const download = await get(t, inspector, href);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment; filename="bilaga-1.pdf"');
    expect(download.rawPayload.equals(SMALL_PDF)).toBe(true);
    // The download is a read of a secret document, written to the audit log.
    const auditAfter = await db().selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'case.read').where('entity_id', '=', String(caseId)).orderBy('id').execute();
    expect(auditAfter).toHaveLength(auditBefore.length + 1);
    expect(auditAfter.at(-1)).toMatchObject({ actor: `staff:${inspector.subject}`, details: { what: 'document file', document: documentId, version: 1, secrecy: 'secret' } });
  });

  it('lists a later version of the answer’s file beside the first, each with its own link', async () => {
    const { caseId, documentId } = await answeredCase(SMALL_PDF);
    const corrected = Buffer.from('Rättad rutin för tillsyn nattetid.\n', 'utf8');
    const uploaded = await postUpload(t, inspector, `/staff/arenden/${caseId}/handlingar/${documentId}/versioner`, {}, { field: 'file', name: 'rutin rättad.txt', type: 'text/plain', content: corrected });
    expect(uploaded.statusCode).toBe(303);
    const page = await get(t, inspector, `/staff/arenden/${caseId}/begaran`);
    expect(page.body).toContain('<h5 class="govuk-heading-s govuk-!-margin-bottom-1">Bilagor</h5>');
    expect(page.body).toContain(`href="/staff/arenden/${caseId}/handlingar/${documentId}/versioner/1"><span>bilaga-1.pdf</span></a> <span class="govuk-body-s">(PDF, ${SMALL_PDF.length} byte, version 1)</span>`);
    expect(page.body).toContain(`href="/staff/arenden/${caseId}/handlingar/${documentId}/versioner/2"><span>rutin rättad.txt</span></a> <span class="govuk-body-s">(Textfil, ${corrected.length} byte, version 2)</span>`);
    const second = await get(t, inspector, `/staff/arenden/${caseId}/handlingar/${documentId}/versioner/2`);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(corrected)).toBe(true);
  });

  it('says so when the answer has no attachment', async () => {
    const { caseId } = await answeredCase(null);
    const page = await get(t, inspector, `/staff/arenden/${caseId}/begaran`);
    expect(page.body).toContain('Svaret har ingen bilaga.');
    expect(page.body).not.toContain('/versioner/');
  });

  it('shows nothing of the secret attachment to staff outside the case team, and its link is "not found" for them and for the provider', async () => {
    const { caseId, documentId } = await answeredCase(SMALL_PDF);
    const href = `/staff/arenden/${caseId}/handlingar/${documentId}/versioner/1`;
    const readers = { departmentInspector: await signInAs(t, 'inspector', 'stockholm'), decisionMaker: await signInAs(t, 'decision_maker'), registrar: await signInAs(t, 'registrar') };
    for (const [who, person] of Object.entries(readers)) {
      const page = await get(t, person, `/staff/arenden/${caseId}/begaran`);
      expect(page.statusCode, who).toBe(200);
      expect(page.body, who).toContain('Svaret är sekretessmarkerat och visas bara för ärendets team.');
      expect(page.body, who).not.toContain('bilaga-1.pdf');
      expect(page.body, who).not.toContain('/versioner/');
      expect((await get(t, person, href)).statusCode, who).toBe(404);
    }
    const outsiders = { otherDepartment: await signInAs(t, 'inspector', 'syd'), analyst: await signInAs(t, 'analyst'), provider: await signInAsRepresentative(t, [world.provider.id]) };
    for (const [who, person] of Object.entries(outsiders)) {
      expect((await get(t, person, `/staff/arenden/${caseId}/begaran`)).statusCode, who).toBe(404);
      const download = await get(t, person, href);
      expect(download.statusCode, who).toBe(404);
      expect(download.rawPayload.includes(SMALL_PDF), who).toBe(false);
    }

    // Once the document is reviewed and made public, its file is anyone's in the case's department to read.
    await db().updateTable('case_document').set({ secrecy: 'public', secrecy_reference: null }).where('id', '=', documentId).execute();
    const page = await get(t, readers.decisionMaker, `/staff/arenden/${caseId}/begaran`);
    expect(page.body).toContain(`href="${href}"><span>bilaga-1.pdf</span></a>`);
    expect((await get(t, readers.decisionMaker, href)).statusCode).toBe(200);
    expect((await get(t, outsiders.otherDepartment, href)).statusCode).toBe(404);
  });
});
