import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import type { CaseStatus } from '../../../../platform/db/schema.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { CASE_STATUS_LABELS, CaseLayout, caseUrl } from '../../case-layout.tsx';
import { CASE_TYPE_LABELS } from '../../open-case.ts';
import { DOCUMENT_FILE_KINDS, MAX_DOCUMENT_BYTES } from '../document-files.ts';
import { CHANNEL_LABELS, DIRECTION_LABELS, MEMBER_ROLE_LABELS, fileSizeText, labelOf, secrecyText } from '../labels.ts';
import type { CaseOverview } from '../read-case-overview.ts';
import type { CaseDocument } from '../repository.ts';
import { NEXT_STATUSES, needsReason } from '../update-case.ts';
import { Choices, CsrfField, ErrorSummary, Select, SuccessBanner, SummaryRow, TextArea, TextBlock, TextInput } from '../../../../platform/web/components.tsx';
import { FileInput } from './components.tsx';
import { formatSwedishDate, formatSwedishDateTime } from '../../../../platform/dates.ts';

export const DONE_MESSAGES: Record<string, string> = {
  oppnat: 'Ärendet är öppnat och registrerat i diariet.',
  lag: 'Ärendelaget är ändrat.',
  ansvarig: 'Ansvarig handläggare är ändrad.',
  signal: 'Signalen är kopplad till ärendet och registrerad som inkommen handling.',
  handling: 'Handlingen är registrerad i diariet.',
  version: 'Den nya versionen av filen är sparad.',
  anteckning: 'Anteckningen är sparad.',
  tidsfrist: 'Tidsfristen är sparad.',
  status: 'Statusen är ändrad.',
};

/** What the person wrote in a form that failed, so it is not lost. */
export type CaseFormValues = Partial<Record<string, string>>;

export interface CasePageProps {
  staff: StaffUser;
  overview: CaseOverview;
  teamCandidates: { subject: string; name: string }[];
  responsibleCandidates: { subject: string; name: string }[];
  names: Map<string, string>;
  errors?: FieldError[];
  values?: CaseFormValues;
  done?: string;
}

export const documentUrl = (caseId: number, documentId: number, path = '') => caseUrl(caseId, `/handlingar/${documentId}${path}`);

const SECRECY_OPTIONS = [
  { value: 'public', text: 'Offentlig' },
  { value: 'partly_secret', text: 'Delvis sekretess', hint: 'Delar av handlingen omfattas av sekretess. Avsändare eller mottagare visas inte i det allmänna diariet.' },
  { value: 'secret', text: 'Sekretess', hint: 'Bara ärendelaget ser avsändare eller mottagare och filen.' },
];

/** The counterpart as this person may see it. */
function counterpartText(document: CaseDocument, seesSecret: boolean): string {
  if (document.secrecy !== 'public' && !seesSecret) return 'Sekretessmarkerad';
  return document.counterpart ?? '–';
}

function Facts({ overview }: { overview: CaseOverview }) {
  const h = overview.header;
  return (
    <dl class="govuk-summary-list" id="uppgifter">
      <SummaryRow name="Diarienummer">
        <span safe>{h.diarienummer}</span>
      </SummaryRow>
      <SummaryRow name="Ärendetyp">
        <span safe>{labelOf(CASE_TYPE_LABELS, h.case_type)}</span>
      </SummaryRow>
      <SummaryRow name="Ärendemening (offentlig)">
        <span safe>{h.title}</span>
      </SummaryRow>
      <SummaryRow name="Öppnat">
        <span safe>{formatSwedishDate(h.opened_at)}</span>
      </SummaryRow>
      <SummaryRow name="Status">
        <span safe>{`${labelOf(CASE_STATUS_LABELS, h.status)}${h.closed_at ? `, avslutat ${formatSwedishDate(h.closed_at)}` : ''}`}</span>
      </SummaryRow>
      <SummaryRow name="Verksamhet">
        {h.unit_id ? (
          <a class="govuk-link" href={`/staff/units/${encodeURIComponent(h.unit_id)}`} safe>
            {h.unit_name ?? h.unit_id}
          </a>
        ) : (
          <span>Ingen</span>
        )}
      </SummaryRow>
      <SummaryRow name="Vårdgivare eller huvudman">
        <span safe>{h.provider_name ?? '–'}</span>
      </SummaryRow>
      <SummaryRow name="Avdelning">
        <span safe>{h.department_name ?? 'Ingen'}</span>
      </SummaryRow>
      <SummaryRow name="Ansvarig handläggare">
        <span safe>{h.responsible_name ?? 'Ingen utsedd'}</span>
      </SummaryRow>
      <SummaryRow name="Tidsfrist">
        <span safe>{h.due_on ?? 'Ingen'}</span>
      </SummaryRow>
    </dl>
  );
}

function Progress({ overview, staff, errors, values }: { overview: CaseOverview; staff: StaffUser; errors: FieldError[]; values: CaseFormValues }) {
  const h = overview.header;
  const base = caseUrl(h.id);
  const next = NEXT_STATUSES[h.status as CaseStatus] ?? [];
  return (
    <>
      <h2 class="govuk-heading-m" id="status-och-tidsfrist">
        Status och tidsfrist
      </h2>
      {overview.statusChanges.length > 0 ? (
        <ul class="govuk-list">
          {overview.statusChanges.map((c) => (
            <li>
              <span safe>{`${formatSwedishDateTime(c.at)}: ${labelOf(CASE_STATUS_LABELS, c.status)} (${c.byName})`}</span>
              {c.reason ? <span class="govuk-!-display-block govuk-body-s" safe>{`Skäl: ${c.reason}`}</span> : ''}
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {overview.access.canWork ? (
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            {next.length > 0 ? (
              <form method="post" action={`${base}/status`} novalidate>
                <CsrfField token={staff.csrfToken} />
                <Choices
                  id="status"
                  type="radio"
                  legend="Ändra status"
                  small
                  options={next.map((s) => ({ value: s, text: s === 'investigation' && h.status === 'closed' ? 'Öppna igen för utredning' : labelOf(CASE_STATUS_LABELS, s), hint: needsReason(h.status as CaseStatus, s) ? 'Skriv skälet nedan.' : undefined }))}
                  checked={[values.status ?? '']}
                  errors={errors}
                />
                <TextArea id="reason" label="Skäl" hint="Behövs när ärendet avslutas eller öppnas igen. Syns bara för medarbetare." value={values.reason ?? ''} rows={2} errors={errors} />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Ändra status
                </button>
              </form>
            ) : (
              ''
            )}
          </div>
          <div class="govuk-grid-column-one-half">
            <form method="post" action={`${base}/tidsfrist`} novalidate>
              <CsrfField token={staff.csrfToken} />
              <TextInput spellcheck={false} id="dueOn" label="Tidsfrist" hint="ÅÅÅÅ-MM-DD. Töm fältet för att ta bort tidsfristen." value={values.dueOn ?? h.due_on ?? ''} width="10" errors={errors} inputmode="numeric" />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                Spara tidsfristen
              </button>
            </form>
          </div>
        </div>
      ) : (
        ''
      )}
    </>
  );
}

function Team(props: CasePageProps & { errors: FieldError[]; values: CaseFormValues }) {
  const { overview, staff, errors, values } = props;
  const base = caseUrl(overview.header.id);
  const canWork = overview.access.canWork;
  return (
    <>
      <h2 class="govuk-heading-m" id="lag">
        Ärendelaget
      </h2>
      <p class="govuk-body">Ärendelaget ser handlingar med sekretess: avsändare, mottagare och filer. Varje sådan läsning loggas.</p>
      {overview.members.length === 0 ? (
        <p class="govuk-body">Ingen är med i ärendelaget ännu.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Ärendelaget</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Namn
              </th>
              <th scope="col" class="govuk-table__header">
                Roll
              </th>
              <th scope="col" class="govuk-table__header">
                Med sedan
              </th>
              {canWork ? (
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Åtgärd</span>
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {overview.members.map((m) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" safe>
                  {m.name}
                </td>
                <td class="govuk-table__cell" safe>
                  {labelOf(MEMBER_ROLE_LABELS, m.role)}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatSwedishDate(m.added_at)}
                </td>
                {canWork ? (
                  <td class="govuk-table__cell">
                    {m.role !== 'responsible' ? (
                      <form method="post" action={`${base}/lag/ta-bort`} class="govuk-!-margin-bottom-0">
                        <CsrfField token={staff.csrfToken} />
                        <input type="hidden" name="member" value={m.subject} />
                        <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                          Ta bort<span class="govuk-visually-hidden" safe>{` ${m.name} ur ärendelaget`}</span>
                        </button>
                      </form>
                    ) : (
                      ''
                    )}
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWork ? (
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <form method="post" action={`${base}/lag`} novalidate>
              <CsrfField token={staff.csrfToken} />
              <Select
                id="member"
                label="Lägg till i ärendelaget"
                hint="Medarbetare som får läsa ärenden på ärendets avdelning"
                value={values.member ?? ''}
                options={[{ value: '', text: 'Välj medarbetare' }, ...props.teamCandidates.map((p) => ({ value: p.subject, text: p.name }))]}
                errors={errors}
              />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                Lägg till
              </button>
            </form>
          </div>
          <div class="govuk-grid-column-one-half">
            <form method="post" action={`${base}/ansvarig`} novalidate>
              <CsrfField token={staff.csrfToken} />
              <Select
                id="responsible"
                label="Byt ansvarig handläggare"
                hint="Den som var ansvarig stannar kvar i ärendelaget"
                value={values.responsible ?? ''}
                options={[{ value: '', text: 'Välj handläggare' }, ...props.responsibleCandidates.filter((p) => p.subject !== overview.header.responsible).map((p) => ({ value: p.subject, text: p.name }))]}
                errors={errors}
              />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                Byt ansvarig
              </button>
            </form>
          </div>
        </div>
      ) : (
        ''
      )}
    </>
  );
}

function Signals({ overview, staff, errors, values }: { overview: CaseOverview; staff: StaffUser; errors: FieldError[]; values: CaseFormValues }) {
  const base = caseUrl(overview.header.id);
  return (
    <>
      <h2 class="govuk-heading-m" id="signaler">
        Kopplade signaler
      </h2>
      {overview.signals.length === 0 ? (
        <p class="govuk-body">Inga signaler är kopplade till ärendet.</p>
      ) : (
        <ul class="govuk-list">
          {overview.signals.map((s) => (
            <li>
              <a class="govuk-link" href={`/staff/signals/${encodeURIComponent(s.id)}`} safe>
                {s.id}
              </a>
              <span safe>{`: ${labelOf(CHANNEL_LABELS, s.channel)}, inkom ${formatSwedishDate(s.received_at)}`}</span>
            </li>
          ))}
        </ul>
      )}
      {overview.access.canWork || overview.access.canRegister ? (
        <form method="post" action={`${base}/signaler`} novalidate>
          <CsrfField token={staff.csrfToken} />
          <TextInput spellcheck={false} id="signalId" label="Koppla fler signaler" hint="Signalens id, eller flera åtskilda med kommatecken. Signalerna ska höra till ärendets avdelning." value={values.signalId ?? ''} width="20" errors={errors} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Koppla signalen
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function FilesCell({ document, caseId, seesSecret }: { document: CaseDocument; caseId: number; seesSecret: boolean }) {
  if (document.secrecy !== 'public' && !seesSecret) return <span>Sekretessmarkerad</span>;
  const latest = document.versions[document.versions.length - 1];
  if (!latest) return <span>Ingen fil</span>;
  return (
    <>
      <a class="govuk-link" href={documentUrl(caseId, document.id, `/versioner/${latest.version}`)}>
        <span safe>{latest.filename}</span>
      </a>
      <span class="govuk-body-s govuk-!-display-block" safe>
        {`Version ${latest.version}, ${fileSizeText(latest.size)}`}
      </span>
    </>
  );
}

export function DocumentsTable({ documents, caseId, seesSecret }: { documents: CaseDocument[]; caseId: number; seesSecret: boolean }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">Handlingar i diariet, i nummerordning</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Nr', 'Datum', 'Riktning', 'Avsändare eller mottagare', 'Beskrivning', 'Sekretess', 'Fil'].map((h) => (
            <th scope="col" class="govuk-table__header" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {documents.map((d) => (
          <tr class="govuk-table__row" data-document-number={String(d.document_number)}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={documentUrl(caseId, d.id)}>
                <span class="govuk-visually-hidden">Handling </span>
                <span safe>{String(d.document_number)}</span>
              </a>
            </td>
            <td class="govuk-table__cell" safe>
              {d.document_date}
            </td>
            <td class="govuk-table__cell" safe>
              {labelOf(DIRECTION_LABELS, d.direction)}
            </td>
            <td class="govuk-table__cell" safe>
              {counterpartText(d, seesSecret)}
            </td>
            <td class="govuk-table__cell" safe>
              {d.subject}
            </td>
            <td class="govuk-table__cell" safe>
              {secrecyText(d.secrecy, d.secrecy_reference)}
            </td>
            <td class="govuk-table__cell">
              <FilesCell document={d} caseId={caseId} seesSecret={seesSecret} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const FILE_HINT = `PDF, PNG, JPEG, Word (DOCX) eller text, högst ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB. Typen kontrolleras på innehållet.`;

function Documents({ overview, staff, errors, values }: { overview: CaseOverview; staff: StaffUser; errors: FieldError[]; values: CaseFormValues }) {
  const h = overview.header;
  return (
    <>
      <h2 class="govuk-heading-m" id="handlingar">
        Handlingar
      </h2>
      {overview.documents.length === 0 ? (
        <p class="govuk-body">Inga handlingar är registrerade ännu.</p>
      ) : (
        <DocumentsTable documents={overview.documents} caseId={h.id} seesSecret={overview.access.seesSecret} />
      )}
      {overview.access.canWork || overview.access.canRegister ? (
        <details class="govuk-details" open={errors.some((e) => ['direction', 'documentDate', 'counterpart', 'subject', 'secrecy', 'secrecyReference', 'file'].includes(e.field))}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Registrera en handling</span>
          </summary>
          <div class="govuk-details__text">
            <form method="post" action={caseUrl(h.id, '/handlingar')} enctype="multipart/form-data" novalidate>
              <CsrfField token={staff.csrfToken} />
              <Choices
                id="direction"
                type="radio"
                legend="Handlingen är"
                small
                inline
                options={Object.entries(DIRECTION_LABELS).map(([value, text]) => ({ value, text }))}
                checked={[values.direction ?? '']}
                errors={errors}
              />
              <TextInput spellcheck={false} id="documentDate" label="Datum" hint="När handlingen kom in eller upprättades, ÅÅÅÅ-MM-DD" value={values.documentDate ?? ''} width="10" errors={errors} inputmode="numeric" />
              <TextInput spellcheck={false} id="counterpart" label="Avsändare eller mottagare" hint="Visas inte i det allmänna diariet om handlingen har sekretess." value={values.counterpart ?? ''} width="30" errors={errors} />
              <TextInput spellcheck={false} id="subject" label="Beskrivning" hint="Vad handlingen är, till exempel ”Begäran om yttrande”. Beskrivningen är offentlig: skriv inga personuppgifter." value={values.subject ?? ''} errors={errors} />
              <Choices id="secrecy" type="radio" legend="Sekretess" small options={SECRECY_OPTIONS} checked={[values.secrecy ?? 'public']} errors={errors} />
              <TextInput spellcheck={false} id="secrecyReference" label="Lagrum för sekretessen" hint="Till exempel 25 kap. 1 § OSL (hälso- och sjukvård) eller 26 kap. 1 § OSL (socialtjänst)" value={values.secrecyReference ?? ''} width="20" errors={errors} />
              <FileInput id="file" label="Fil (valfri)" hint={FILE_HINT} errors={errors} />
              <button type="submit" class="govuk-button" data-module="govuk-button">
                Registrera handlingen
              </button>
            </form>
          </div>
        </details>
      ) : (
        ''
      )}
    </>
  );
}

function Notes({ overview, staff, errors, values }: { overview: CaseOverview; staff: StaffUser; errors: FieldError[]; values: CaseFormValues }) {
  return (
    <>
      <h2 class="govuk-heading-m" id="anteckningar">
        Interna anteckningar
      </h2>
      {overview.notes.length === 0 ? (
        <p class="govuk-body">Inga anteckningar ännu.</p>
      ) : (
        overview.notes.map((n) => (
          <div class="govuk-inset-text">
            <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
              {`${n.author_name}, ${formatSwedishDateTime(n.created_at)}`}
            </p>
            <TextBlock text={n.body} />
          </div>
        ))
      )}
      {overview.access.canWork ? (
        <form method="post" action={caseUrl(overview.header.id, '/anteckningar')} novalidate>
          <CsrfField token={staff.csrfToken} />
          <TextArea
            id="note"
            label="Ny anteckning"
            hint="Syns bara för medarbetare som får läsa ärendet, aldrig i det allmänna diariet eller för verksamheten."
            value={values.note ?? ''}
            rows={3}
            errors={errors}
          />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Spara anteckningen
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

export function CasePage(props: CasePageProps) {
  const errors = props.errors ?? [];
  const values = props.values ?? {};
  const { overview, staff } = props;
  return (
    <CaseLayout staff={staff} header={overview.header} tab="overview" title={`${errors.length ? 'Fel: ' : ''}Översikt och handlingar`}>
      {props.done && DONE_MESSAGES[props.done] ? <SuccessBanner text={DONE_MESSAGES[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <h2 class="govuk-heading-m">Uppgifter om ärendet</h2>
      <Facts overview={overview} />
      <Progress overview={overview} staff={staff} errors={errors} values={values} />
      <Team {...props} errors={errors} values={values} />
      <Signals overview={overview} staff={staff} errors={errors} values={values} />
      <Documents overview={overview} staff={staff} errors={errors} values={values} />
      <Notes overview={overview} staff={staff} errors={errors} values={values} />
    </CaseLayout>
  );
}

export interface DocumentPageProps {
  staff: StaffUser;
  header: CaseOverview['header'];
  document: CaseDocument;
  seesSecret: boolean;
  canUpload: boolean;
  names: Map<string, string>;
  errors?: FieldError[];
  done?: string;
}

/** One document: its diarium row, every version of its file (who, when, SHA-256) and a new version. */
export function DocumentPage(props: DocumentPageProps) {
  const { document: d, header: h, staff } = props;
  const errors = props.errors ?? [];
  const hidden = d.secrecy !== 'public' && !props.seesSecret;
  return (
    <CaseLayout staff={staff} header={h} tab="overview" title={`${errors.length ? 'Fel: ' : ''}Handling ${d.document_number}`}>
      {props.done && DONE_MESSAGES[props.done] ? <SuccessBanner text={DONE_MESSAGES[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <h2 class="govuk-heading-m" safe>
        {`Handling ${d.document_number}: ${d.subject}`}
      </h2>
      <dl class="govuk-summary-list">
        <SummaryRow name="Datum">
          <span safe>{d.document_date}</span>
        </SummaryRow>
        <SummaryRow name="Riktning">
          <span safe>{labelOf(DIRECTION_LABELS, d.direction)}</span>
        </SummaryRow>
        <SummaryRow name="Avsändare eller mottagare">
          <span safe>{counterpartText(d, props.seesSecret)}</span>
        </SummaryRow>
        <SummaryRow name="Sekretess">
          <span safe>{secrecyText(d.secrecy, d.secrecy_reference)}</span>
        </SummaryRow>
        <SummaryRow name="Registrerad">
          <span safe>{`${formatSwedishDateTime(d.registered_at)} av ${props.names.get(d.registered_by) ?? d.registered_by}`}</span>
        </SummaryRow>
      </dl>
      <h3 class="govuk-heading-s">Versioner av filen</h3>
      {hidden ? (
        <p class="govuk-body">Handlingen har sekretess. Bara ärendelaget ser dess filer.</p>
      ) : d.versions.length === 0 ? (
        <p class="govuk-body">Handlingen har ingen fil.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Versioner av filen</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {['Version', 'Fil', 'Typ och storlek', 'Uppladdad', 'SHA-256'].map((t) => (
                <th scope="col" class="govuk-table__header" safe>
                  {t}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {d.versions.map((v) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" safe>
                  {String(v.version)}
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={documentUrl(h.id, d.id, `/versioner/${v.version}`)}>
                    <span safe>{v.filename}</span>
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {`${labelOf(DOCUMENT_FILE_KINDS, v.media_type)}, ${fileSizeText(v.size)}`}
                </td>
                <td class="govuk-table__cell" safe>
                  {`${formatSwedishDateTime(v.uploaded_at)} av ${props.names.get(v.uploaded_by) ?? v.uploaded_by}`}
                </td>
                <td class="govuk-table__cell">
                  <code class="govuk-body-s govuk-!-text-break-word" safe>
                    {v.sha256}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!hidden && d.versions.length > 0 ? <p class="govuk-body-s">Varje nedladdning loggas.</p> : ''}
      {props.canUpload && !hidden ? (
        <form method="post" action={documentUrl(h.id, d.id, '/versioner')} enctype="multipart/form-data" novalidate>
          <CsrfField token={staff.csrfToken} />
          <FileInput id="file" label={d.versions.length ? 'Ladda upp en ny version' : 'Ladda upp filen'} labelClass="govuk-label--s" hint={FILE_HINT} errors={errors} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Ladda upp
          </button>
        </form>
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${caseUrl(h.id)}#handlingar`}>
          Tillbaka till ärendets handlingar
        </a>
      </p>
    </CaseLayout>
  );
}
