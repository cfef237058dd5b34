// E-mail to a provider about its cases: only that something waits in the portal, never what the case is
// about (e-mail is not a secure channel, and a provider's address may be read by many).
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';

export type ProviderNotice = 'request' | 'request_reminder' | 'report_reminder';

const TEXTS: Record<ProviderNotice, { subject: string; lead: string }> = {
  request: {
    subject: 'Ny begäran från IVO',
    lead: 'Inspektionen för vård och omsorg (IVO) har skickat en begäran till er. Den finns i IVO:s e-tjänst för vårdgivare och huvudmän, där ni också svarar på den.',
  },
  request_reminder: {
    subject: 'Påminnelse: begäran från IVO väntar på svar',
    lead: 'Det här är en påminnelse. En begäran från Inspektionen för vård och omsorg (IVO) väntar på ert svar i IVO:s e-tjänst för vårdgivare och huvudmän.',
  },
  report_reminder: {
    subject: 'Påminnelse: redovisa era åtgärder till IVO',
    lead: 'Det här är en påminnelse. Ett beslut från Inspektionen för vård och omsorg (IVO) kräver att ni redovisar era åtgärder. Redovisningen gör ni i IVO:s e-tjänst för vårdgivare och huvudmän.',
  },
};

export function providerNoticeText(notice: ProviderNotice, publicUrl: string | undefined): { subject: string; text: string } {
  const { subject, lead } = TEXTS[notice];
  const link = publicUrl ? `${publicUrl.replace(/\/$/, '')}/provider/arenden` : 'IVO:s e-tjänst för vårdgivare och huvudmän';
  return {
    subject,
    text: `${lead}\n\nLogga in här: ${link}\n\nAv sekretesskäl står inget om ärendet i det här meddelandet.\n\nMed vänlig hälsning\nInspektionen för vård och omsorg\n`,
  };
}

/** Queues the notice in the caller's transaction, so it is sent only if what caused it is committed. */
export async function queueProviderNotice(trx: Transaction<Database>, recipient: string, notice: ProviderNotice, publicUrl: string | undefined): Promise<void> {
  const { subject, text } = providerNoticeText(notice, publicUrl);
  await trx.insertInto('outbox_email').values({ recipient, subject, body: text, sent_at: null, last_error: null }).execute();
}
