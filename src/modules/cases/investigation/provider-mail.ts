// E-mail to a provider about its cases: only that something waits in the portal, never what the case is
// about (e-mail is not a secure channel, and a provider's address may be read by many). The one exception is
// the notice that a request is withdrawn: it must say which request needs no answer, so it names the case's
// diarienummer, the request's heading and its dates — all of them public in the diarium — and nothing more.
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { formatLongDate } from '../../../platform/dates.ts';

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

export interface WithdrawnRequest {
  caseId: number;
  diarienummer: string;
  /** The request's heading (public: the form says so and refuses personnummer in it). */
  subject: string;
  /** When it was sent, as YYYY-MM-DD in Sweden. */
  sentOn: string;
  replyBy: string;
  /** The request's number in the diarium, when it has one. */
  documentNumber: number | null;
}

export function withdrawalNoticeText(request: WithdrawnRequest, publicUrl: string | undefined): { subject: string; text: string } {
  const link = publicUrl ? `${publicUrl.replace(/\/$/, '')}/provider/arenden/${request.caseId}` : 'IVO:s e-tjänst för vårdgivare och huvudmän';
  const number = request.documentNumber !== null ? `, aktbilaga ${request.documentNumber}` : '';
  return {
    subject: `IVO har återkallat en begäran i ärende ${request.diarienummer}`,
    text:
      `Inspektionen för vård och omsorg (IVO) har återkallat sin begäran i ärende ${request.diarienummer}:\n\n` +
      `  ”${request.subject}”\n  skickad ${formatLongDate(request.sentOn)}${number}, med svar senast ${formatLongDate(request.replyBy)}\n\n` +
      `Ni behöver inte svara på begäran. Det går inte heller längre att svara på den i e-tjänsten.\n\n` +
      `Begäran finns kvar i IVO:s e-tjänst för vårdgivare och huvudmän, markerad som återkallad: ${link}\n\n` +
      `Av sekretesskäl står inget om ärendets innehåll i det här meddelandet.\n\n` +
      `Med vänlig hälsning\nInspektionen för vård och omsorg\n`,
  };
}

/** Queues the withdrawal notice in the withdrawal's transaction, so it is sent only if the withdrawal is committed. */
export async function queueWithdrawalNotice(trx: Transaction<Database>, recipient: string, request: WithdrawnRequest, publicUrl: string | undefined): Promise<void> {
  const { subject, text } = withdrawalNoticeText(request, publicUrl);
  await trx.insertInto('outbox_email').values({ recipient, subject, body: text, sent_at: null, last_error: null }).execute();
}
