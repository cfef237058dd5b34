import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { CaseAccess } from '../../access.ts';
import type { CaseHeader } from '../../case-header.ts';
import { CaseLayout, caseUrl } from '../../case-layout.tsx';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TAGS, requestDisplayStatus } from '../labels.ts';
import type { StaffRequestView } from '../read-investigation.ts';
import type { AnswerFile } from '../repository.ts';
import { DOCUMENT_FILE_KINDS } from '../../diarium/document-files.ts';
import { fileSizeText, labelOf } from '../../diarium/labels.ts';
import { documentUrl } from '../../diarium/pages/case-page.tsx';
import { Choices, CsrfField, ErrorSummary, SuccessBanner, SummaryRow, TextArea, TextBlock, TextInput } from '../../../../platform/web/components.tsx';
import { Tag } from './components.tsx';
import { formatLongDate, formatSwedishDateTime } from '../../../../platform/dates.ts';

export interface RequestFormValues {
  subject: string;
  body: string;
  replyBy: string;
  secret: boolean;
}
export const EMPTY_REQUEST_FORM: RequestFormValues = { subject: '', body: '', replyBy: '', secret: false };

export interface RequestsPageProps {
  staff: StaffUser;
  header: CaseHeader;
  access: CaseAccess;
  requests: StaffRequestView[];
  today: string;
  provider: { name: string; email: string | null } | null;
  values: RequestFormValues;
  errors: FieldError[];
  done?: string;
}

export const REQUEST_DONE_TEXTS: Record<string, string> = {
  skickad: 'Begäran är skickad och registrerad som utgående handling.',
  'skickad-utan-epost': 'Begäran är skickad och registrerad. Vårdgivaren har ingen e-postadress i registret och får ingen avisering: de ser begäran när de loggar in.',
  aterkallad: 'Begäran är återkallad. Vårdgivaren får ett e-postmeddelande om att den inte behöver besvaras, och e-tjänsten visar den som återkallad.',
  'aterkallad-utan-epost': 'Begäran är återkallad. Vårdgivaren har ingen e-postadress i registret och får ingen avisering: e-tjänsten visar begäran som återkallad.',
};

/** "PDF, 12 kB" and, when the answer's document has several versions, which one. */
function answerFileText(file: AnswerFile, versions: number): string {
  return `${labelOf(DOCUMENT_FILE_KINDS, file.media_type)}, ${fileSizeText(file.size)}${versions > 1 ? `, version ${file.version}` : ''}`;
}

/** The answer's attachments as download links to the case document's files (nothing for those who may not see them). */
function AnswerFiles({ request, caseId }: { request: StaffRequestView; caseId: number }) {
  const documentId = request.answer_document_id;
  const files = request.answerFiles;
  if (documentId === null || files === null) return '';
  if (files.length === 0) return <p class="govuk-body-s">Svaret har ingen bilaga.</p>;
  return (
    <>
      <h5 class="govuk-heading-s govuk-!-margin-bottom-1">{files.length === 1 ? 'Bilaga' : 'Bilagor'}</h5>
      <ul class="govuk-list">
        {files.map((file) => (
          <li>
            <a class="govuk-link" href={documentUrl(caseId, documentId, `/versioner/${file.version}`)}>
              <span safe>{file.filename}</span>
            </a>{' '}
            <span class="govuk-body-s" safe>
              {`(${answerFileText(file, files.length)})`}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function RequestCard({ request, today, access, csrf, caseId, errors }: { request: StaffRequestView; today: string; access: CaseAccess; csrf: string; caseId: number; errors: FieldError[] }) {
  const status = requestDisplayStatus(request, today);
  const withdrawError = errors.find((e) => e.field === `begaran-${request.id}`);
  return (
    <div class="govuk-summary-card" id={`begaran-${request.id}`}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" safe>
          {request.subject}
        </h3>
        <Tag text={REQUEST_STATUS_LABELS[status]} modifier={REQUEST_STATUS_TAGS[status]} />
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <SummaryRow name="Skickad">
            <span safe>{`${formatSwedishDateTime(request.sent_at)} av ${request.sent_by_name}`}</span>
          </SummaryRow>
          <SummaryRow name="Svar senast">
            <span safe>{formatLongDate(request.reply_by)}</span>
          </SummaryRow>
          {request.reminded_at ? (
            <SummaryRow name="Påminnelse skickad">
              <span safe>{formatSwedishDateTime(request.reminded_at)}</span>
            </SummaryRow>
          ) : (
            ''
          )}
          <SummaryRow name="Handling">
            <span safe>{`${request.request_document_number ? `Aktbilaga ${request.request_document_number}` : '–'}${request.request_secrecy && request.request_secrecy !== 'public' ? ', sekretessmarkerad' : ', offentlig'}`}</span>
          </SummaryRow>
          {request.status === 'withdrawn' ? (
            <SummaryRow name="Återkallad">
              {request.withdrawn_at ? <span safe>{`${formatSwedishDateTime(request.withdrawn_at)}${request.withdrawn_by_name ? ` av ${request.withdrawn_by_name}` : ''}`}</span> : 'Ja'}
            </SummaryRow>
          ) : (
            ''
          )}
        </dl>
        <h4 class="govuk-heading-s">Begäran</h4>
        {request.bodyHidden ? <p class="govuk-body govuk-hint">Texten är sekretessmarkerad och visas bara för ärendets team.</p> : <TextBlock text={request.body} />}
        {request.status === 'answered' ? (
          <>
            <h4 class="govuk-heading-s" safe>
              {`Svar från ${request.answered_by_name ?? 'verksamheten'}, ${request.answered_at ? formatSwedishDateTime(request.answered_at) : ''}`}
            </h4>
            {request.answerHidden ? (
              <p class="govuk-body govuk-hint">Svaret är sekretessmarkerat och visas bara för ärendets team.</p>
            ) : (
              <TextBlock text={request.answer ?? ''} />
            )}
            {request.answer_document_id !== null && request.answer_document_number !== null ? (
              <p class="govuk-body-s">
                Registrerat som{' '}
                <a class="govuk-link" href={documentUrl(caseId, request.answer_document_id)} safe>
                  {`aktbilaga ${request.answer_document_number}`}
                </a>
                .
              </p>
            ) : (
              ''
            )}
            <AnswerFiles request={request} caseId={caseId} />
          </>
        ) : (
          ''
        )}
        {withdrawError ? (
          <p class="govuk-error-message">
            <span class="govuk-visually-hidden">Fel:</span> <span safe>{withdrawError.message}</span>
          </p>
        ) : (
          ''
        )}
        {access.canWork && request.status === 'open' ? (
          <form method="post" action={caseUrl(caseId, `/begaran/${request.id}/aterkalla`)}>
            <CsrfField token={csrf} />
            <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
              Återkalla begäran<span class="govuk-visually-hidden" safe>{` ${request.subject}`}</span>
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}

export function RequestsPage(props: RequestsPageProps) {
  const { header, access, errors, values } = props;
  const canSend = access.canWork && props.provider !== null && header.status !== 'closed';
  return (
    <CaseLayout staff={props.staff} header={header} tab="requests" title="Begäran till verksamheten">
      {props.done && REQUEST_DONE_TEXTS[props.done] ? <SuccessBanner text={REQUEST_DONE_TEXTS[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <h2 class="govuk-heading-m">Begäran till verksamheten</h2>
      {props.requests.length === 0 ? <p class="govuk-body">Ingen begäran har skickats i ärendet.</p> : ''}
      {props.requests.map((request) => (
        <RequestCard request={request} today={props.today} access={access} csrf={props.staff.csrfToken} caseId={header.id} errors={errors} />
      ))}
      {!access.canWork ? <p class="govuk-inset-text">Du kan läsa begäran i ärendet men inte skicka eller återkalla.</p> : ''}
      {access.canWork && !props.provider ? (
        <p class="govuk-inset-text">Ärendet är inte kopplat till någon vårdgivare eller huvudman, så det finns ingen att skicka en begäran till.</p>
      ) : (
        ''
      )}
      {canSend ? (
        <form method="post" action={caseUrl(header.id, '/begaran')} novalidate>
          <CsrfField token={props.staff.csrfToken} />
          <h2 class="govuk-heading-m">Skicka en begäran</h2>
          <p class="govuk-body" safe>
            {`Begäran går till ${props.provider!.name} i e-tjänsten för vårdgivare. ${props.provider!.email ? 'De får ett e-postmeddelande om att en begäran väntar, utan uppgifter om ärendet.' : 'De har ingen e-postadress i registret och ser begäran när de loggar in.'}`}
          </p>
          <TextInput id="subject" label="Rubrik" hint="Vad begäran gäller, till exempel ”Yttrande över klagomål”. Rubriken är offentlig: skriv inga personuppgifter." value={values.subject} errors={errors} />
          <TextArea id="body" label="Vad ska verksamheten svara på?" value={values.body} errors={errors} rows={8} />
          <TextInput id="replyBy" label="Svar senast" hint="ÅÅÅÅ-MM-DD, till exempel 2026-12-15" value={values.replyBy} errors={errors} width="10" />
          <Choices
            id="secret"
            type="checkbox"
            legend="Sekretess"
            options={[{ value: 'yes', text: 'Begäran innehåller uppgifter om enskilda och ska sekretessmarkeras', hint: 'Då visas bara att en begäran har skickats i det offentliga diariet.' }]}
            checked={values.secret ? ['yes'] : []}
            errors={errors}
            small
          />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Skicka begäran
          </button>
        </form>
      ) : (
        ''
      )}
    </CaseLayout>
  );
}
