import Html from '@kitajs/html';
import { hasPermission, StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import {
  CALLER_LABELS,
  CHANNEL_LABELS,
  CONTACT_KIND_LABELS,
  fileSizeText,
  labelOf,
  assigneeText,
  RISK_AREA_CODES,
  riskAreaLabel,
  riskAreasText,
  STATUS_LABELS,
  SUBMITTER_LABELS,
  UNIT_MATCH_LABELS,
  URGENCY_LABELS,
} from '../labels.ts';
import type { TriageSignal } from '../read-signal.ts';
import { Choices, CsrfField, ErrorMessage, ErrorSummary, Select, SuccessBanner, SummaryRow, TextArea, TextBlock, TextInput } from '../../../../platform/web/components.tsx';
import { UrgencyTag } from './components.tsx';

export interface SuggestedUnit {
  id: string;
  name: string;
  kommun_name: string;
  provider_name: string;
  confidence: number;
}

/** What the person wrote in a form that failed, so it is not lost. */
export type SignalFormValues = Partial<Record<'note' | 'message' | 'caseRef' | 'assignee' | 'status' | 'urgency', string>> & { riskAreas?: string[] };

export interface SignalPageProps {
  staff: StaffUser;
  data: TriageSignal;
  suggestions: SuggestedUnit[];
  assignees: { subject: string; name: string }[];
  names: Map<string, string>;
  errors?: FieldError[];
  values?: SignalFormValues;
  /** The success message of the action just done. */
  done?: string;
}

export const DONE_MESSAGES: Record<string, string> = {
  tilldelad: 'Signalen är tilldelad.',
  status: 'Statusen är sparad.',
  anteckning: 'Anteckningen är sparad.',
  verksamhet: 'Signalen är kopplad till verksamheten.',
  arende: 'Signalen är kopplad till ärendet.',
  klassning: 'Den rättade klassningen är sparad. Klassificeraren lär sig av den.',
  meddelande: 'Meddelandet är skickat. Uppgiftslämnaren ser det när hen loggar in med sin kvittokod.',
  registrerad: 'Uppgiften är registrerad som en signal.',
};

interface ClassifierAnswer {
  riskAreas?: { code: string; score: number }[];
  urgency?: string;
  explanation?: string;
  correction?: { riskAreas: string[]; urgency: string; by: string; at: string };
}

const percent = (value: number) => `${Math.round(value * 100)} %`;

function contactText(contact: Record<string, unknown> | null): string | null {
  if (!contact) return null;
  const parts = Object.values(contact).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return parts.length ? parts.join(', ') : null;
}

function Facts({ data, names }: { data: TriageSignal; names: Map<string, string> }) {
  const s = data.signal;
  const extra = (s.extra ?? {}) as Record<string, unknown>;
  const hint = (s.unit_hint ?? {}) as { name?: string; kommun?: string; orgnr?: string; address?: string };
  const hintText = [hint.name, hint.address, s.hint_kommun_name ?? hint.kommun, hint.orgnr ? `org.nr ${hint.orgnr}` : ''].filter(Boolean).join(', ');
  const contact = contactText(s.contact);
  return (
    <dl class="govuk-summary-list">
      <SummaryRow name="Inkom">
        <span safe>{formatSwedishDateTime(s.received_at)}</span>
      </SummaryRow>
      <SummaryRow name="Kanal">
        <span safe>
          {[labelOf(CHANNEL_LABELS, s.channel), typeof extra.contactKind === 'string' ? labelOf(CONTACT_KIND_LABELS, extra.contactKind) : '', typeof extra.caller === 'string' ? labelOf(CALLER_LABELS, extra.caller) : '']
            .filter(Boolean)
            .join(', ')}
        </span>
      </SummaryRow>
      {typeof extra.topic === 'string' ? (
        <SummaryRow name="Ämne">
          <span safe>{extra.topic}</span>
        </SummaryRow>
      ) : (
        ''
      )}
      <SummaryRow name="Brådska">
        <UrgencyTag urgency={s.urgency} />
      </SummaryRow>
      <SummaryRow name="Riskområden">
        <span safe>{riskAreasText(s.risk_areas)}</span>
      </SummaryRow>
      <SummaryRow name="Verksamhet">
        {s.unit_id ? (
          <>
            <a class="govuk-link" href={`/staff/units/${encodeURIComponent(s.unit_id)}`} safe>
              {s.unit_name ?? s.unit_id}
            </a>
            <span safe>{`${s.unit_kommun_name ? `, ${s.unit_kommun_name}` : ''} (${labelOf(UNIT_MATCH_LABELS, s.unit_match)})`}</span>
          </>
        ) : (
          <>
            <strong>Ej kopplad</strong>
            {hintText ? <span class="govuk-!-display-block" safe>{`Uppgiftslämnaren skrev: ${hintText}`}</span> : ''}
          </>
        )}
      </SummaryRow>
      <SummaryRow name="Avdelning">
        <span safe>{s.department_name ?? 'Ingen (kommunen är okänd)'}</span>
      </SummaryRow>
      <SummaryRow name="Status">
        <span safe>{labelOf(STATUS_LABELS, s.triage_status)}</span>
      </SummaryRow>
      <SummaryRow name="Handläggare">
        <span safe>{assigneeText(s.assigned_to, names)}</span>
      </SummaryRow>
      <SummaryRow name="Ärende">
        <span safe>{s.case_ref ?? 'Inte kopplad till något ärende'}</span>
      </SummaryRow>
      <SummaryRow name="Uppgiftslämnare">
        <span safe>{`${labelOf(SUBMITTER_LABELS, s.submitter_kind)}${data.hasReceipt ? ', har kvittokod' : ''}`}</span>
      </SummaryRow>
      {contact ? (
        <SummaryRow name="Kontaktuppgifter">
          <span safe>{contact}</span>
        </SummaryRow>
      ) : (
        ''
      )}
      {s.occurred_on ? (
        <SummaryRow name="Händelsen inträffade">
          <span safe>{s.occurred_on}</span>
        </SummaryRow>
      ) : (
        ''
      )}
      {s.severity ? (
        <SummaryRow name="Allvarlighet (1–4)">
          <span safe>{String(s.severity)}</span>
        </SummaryRow>
      ) : (
        ''
      )}
      <SummaryRow name="Sekretess">
        <span>{s.secrecy === 'secret' ? 'Sekretessbelagd. Din läsning är loggad.' : 'Offentlig'}</span>
      </SummaryRow>
    </dl>
  );
}

function ClassificationSection({ data, names, errors, values, base, csrf }: { data: TriageSignal; names: Map<string, string>; errors: FieldError[]; values: SignalFormValues; base: string; csrf: string }) {
  const s = data.signal;
  const answer = (s.classification ?? {}) as ClassifierAnswer;
  const checkedAreas = values.riskAreas ?? s.risk_areas ?? [];
  return (
    <>
      <h2 class="govuk-heading-m" id="klassning">
        Klassificering
      </h2>
      {s.classification ? (
        <>
          <p class="govuk-body">
            <strong>Klassificeraren bedömde: </strong>
            <span safe>
              {`${labelOf(URGENCY_LABELS, answer.urgency ?? null)}; ${answer.riskAreas?.length ? answer.riskAreas.map((r) => `${riskAreaLabel(r.code)} (${percent(r.score)})`).join(', ') : 'inget riskområde'}.`}
            </span>
          </p>
          <div class="govuk-inset-text">
            <span class="govuk-visually-hidden">Förklaring: </span>
            <span safe>{answer.explanation ?? 'Ingen förklaring finns.'}</span>
          </div>
        </>
      ) : (
        <p class="govuk-body">Signalen kom in innan den automatiska klassificeringen fanns, så det finns ingen bedömning att visa.</p>
      )}
      {answer.correction ? (
        <p class="govuk-body-s" safe>
          {`Rättad ${formatSwedishDateTime(answer.correction.at)} av ${names.get(answer.correction.by) ?? answer.correction.by}.`}
        </p>
      ) : (
        ''
      )}
      <details class="govuk-details" open={errors.some((e) => e.field === 'riskAreas' || e.field === 'urgency')}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Rätta klassningen</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action={`${base}/klassning`} novalidate>
            <CsrfField token={csrf} />
            <Choices
              id="riskAreas"
              type="checkbox"
              legend="Riskområden"
              small
              options={RISK_AREA_CODES.map((c) => ({ value: c, text: riskAreaLabel(c) }))}
              checked={checkedAreas}
              errors={errors}
            />
            <Choices
              id="urgency"
              type="radio"
              legend="Brådska"
              small
              inline
              options={Object.entries(URGENCY_LABELS).map(([value, text]) => ({ value, text }))}
              checked={[values.urgency ?? s.urgency ?? '']}
              errors={errors}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Spara rättad klassning
            </button>
          </form>
        </div>
      </details>
    </>
  );
}

function Attachments({ data, base }: { data: TriageSignal; base: string }) {
  return (
    <>
      <h2 class="govuk-heading-m">Bilagor</h2>
      {data.attachments.length === 0 ? (
        <p class="govuk-body">Signalen har inga bilagor.</p>
      ) : (
        <ul class="govuk-list">
          {data.attachments.map((a) => (
            <li>
              <a class="govuk-link" href={`${base}/bilagor/${a.id}`}>
                <span safe>{a.file_name}</span>
              </a>
              <span class="govuk-body-s" safe>{` (${a.media_type}, ${fileSizeText(a.size_bytes)})`}</span>
            </li>
          ))}
        </ul>
      )}
      {data.attachments.length > 0 ? <p class="govuk-body-s">Varje nedladdning loggas.</p> : ''}
    </>
  );
}

/** The signal's case: a link to it, or (for those who open cases) a new case prefilled from the signal. */
function CaseAction({ signalId, caseRef, staff }: { signalId: string; caseRef: string | null; staff: StaffUser }) {
  if (caseRef) {
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/staff/arenden/diarienummer/${encodeURIComponent(caseRef)}`} safe>
          {`Gå till ärende ${caseRef}`}
        </a>
      </p>
    );
  }
  if (!hasPermission(staff, 'case.work') && !hasPermission(staff, 'case.register')) return <></>;
  return (
    <a class="govuk-button" role="button" data-module="govuk-button" href={`/staff/arenden/nytt?signal=${encodeURIComponent(signalId)}`}>
      Öppna ärende
    </a>
  );
}

function Handling(props: { data: TriageSignal; staff: StaffUser; suggestions: SuggestedUnit[]; assignees: { subject: string; name: string }[]; errors: FieldError[]; values: SignalFormValues; base: string }) {
  const { data, staff, errors, values, base } = props;
  const s = data.signal;
  const csrf = staff.csrfToken;
  const colleagues = props.assignees.filter((a) => a.subject !== staff.subject);
  return (
    <>
      <h2 class="govuk-heading-m" id="handlaggning">
        Handläggning
      </h2>
      <CaseAction signalId={s.id} caseRef={s.case_ref} staff={staff} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h3 class="govuk-heading-s">Handläggare</h3>
          {s.assigned_to !== staff.subject ? (
            <form method="post" action={`${base}/tilldela`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="assignee" value="me" />
              <button type="submit" class="govuk-button" data-module="govuk-button">
                Tilldela mig
              </button>
            </form>
          ) : (
            <p class="govuk-body">Signalen är tilldelad dig.</p>
          )}
          <form method="post" action={`${base}/tilldela`} novalidate>
            <CsrfField token={csrf} />
            <Select
              id="assignee"
              label="Tilldela en kollega"
              value={values.assignee ?? ''}
              options={[{ value: '', text: 'Ingen (ta bort tilldelningen)' }, ...colleagues.map((c) => ({ value: c.subject, text: c.name }))]}
              errors={errors}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Tilldela
            </button>
          </form>
        </div>
        <div class="govuk-grid-column-one-half">
          <form method="post" action={`${base}/status`} novalidate>
            <CsrfField token={csrf} />
            <Choices
              id="status"
              type="radio"
              legend="Status"
              legendClass="govuk-fieldset__legend--s"
              small
              options={Object.entries(STATUS_LABELS).map(([value, text]) => ({ value, text }))}
              checked={[values.status ?? s.triage_status ?? '']}
              errors={errors}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Spara status
            </button>
          </form>
        </div>
      </div>

      <h3 class="govuk-heading-s" id="unitId" tabindex="-1">
        Koppla till en verksamhet
      </h3>
      <ErrorMessage id="unitId" errors={errors} />
      {props.suggestions.length > 0 ? (
        <>
          <p class="govuk-body">Förslag utifrån det uppgiftslämnaren skrev om verksamheten:</p>
          <ul class="govuk-list">
            {props.suggestions.map((u) => (
              <li>
                <form method="post" action={`${base}/verksamhet`} class="govuk-!-display-inline">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="unitId" value={u.id} />
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" data-module="govuk-button">
                    <span safe>{`Koppla till ${u.name}`}</span>
                  </button>
                </form>
                <span class="govuk-body-s govuk-!-margin-left-2" safe>{`${u.kommun_name}, ${u.provider_name} – likhet ${percent(u.confidence)}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <form method="get" action={`${base}/verksamhet`} role="search">
        <TextInput spellcheck={false} id="q" label="Sök i registret" hint="Namn eller del av namnet, organisationsnummer eller kommun" value="" width="20" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Sök verksamhet
        </button>
      </form>

      <form method="post" action={`${base}/arende`} novalidate>
        <CsrfField token={csrf} />
        <TextInput spellcheck={false}
          id="caseRef"
          label="Koppla till ett ärende"
          labelClass="govuk-label--s"
          hint="Ärendets diarienummer, till exempel 3.5.1-12345/2026"
          value={values.caseRef ?? s.case_ref ?? ''}
          width="20"
          errors={errors}
        />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Koppla till ärendet
        </button>
      </form>
    </>
  );
}

function Notes({ data, names, errors, values, base, csrf }: { data: TriageSignal; names: Map<string, string>; errors: FieldError[]; values: SignalFormValues; base: string; csrf: string }) {
  return (
    <>
      <h2 class="govuk-heading-m" id="anteckningar">
        Interna anteckningar
      </h2>
      {data.notes.length === 0 ? (
        <p class="govuk-body">Inga anteckningar ännu.</p>
      ) : (
        data.notes.map((n) => (
          <div class="govuk-inset-text">
            <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
              {`${names.get(n.author) ?? n.author}, ${formatSwedishDateTime(n.created_at)}`}
            </p>
            <TextBlock text={n.body} />
          </div>
        ))
      )}
      <form method="post" action={`${base}/anteckningar`} novalidate>
        <CsrfField token={csrf} />
        <TextArea id="note" label="Ny anteckning" hint="Syns bara för medarbetare, aldrig för uppgiftslämnaren." value={values.note ?? ''} rows={3} errors={errors} />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Spara anteckningen
        </button>
      </form>
    </>
  );
}

function Messages({ data, names, errors, values, base, csrf }: { data: TriageSignal; names: Map<string, string>; errors: FieldError[]; values: SignalFormValues; base: string; csrf: string }) {
  return (
    <>
      <h2 class="govuk-heading-m" id="meddelanden">
        Meddelanden med uppgiftslämnaren
      </h2>
      {!data.hasReceipt ? (
        <p class="govuk-body">Uppgiftslämnaren har ingen kvittokod, så det går inte att skicka meddelanden till hen här.</p>
      ) : (
        <>
          <p class="govuk-body">
            Uppgiftslämnaren är anonym för oss. Hen läser det du skriver när hen loggar in med sin kvittokod, och kan svara där. Skriv inget som
            inte får lämnas ut till den som har kvittokoden.
          </p>
          {data.messages.length === 0 ? (
            <p class="govuk-body">Inga meddelanden ännu.</p>
          ) : (
            data.messages.map((m) => (
              <div class="govuk-inset-text">
                <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
                  {`${m.direction === 'to_sender' ? `Till uppgiftslämnaren från ${m.author ? (names.get(m.author) ?? m.author) : 'oss'}` : 'Från uppgiftslämnaren'}, ${formatSwedishDateTime(m.created_at)}`}
                </p>
                <TextBlock text={m.body} />
              </div>
            ))
          )}
          <form method="post" action={`${base}/meddelanden`} novalidate>
            <CsrfField token={csrf} />
            <TextArea id="message" label="Nytt meddelande till uppgiftslämnaren" value={values.message ?? ''} rows={4} errors={errors} />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Skicka till uppgiftslämnaren
            </button>
          </form>
        </>
      )}
    </>
  );
}

export function SignalPage(props: SignalPageProps) {
  const { staff, data } = props;
  const s = data.signal;
  const errors = props.errors ?? [];
  const values = props.values ?? {};
  const base = `/staff/signals/${encodeURIComponent(s.id)}`;
  return (
    <StaffLayout
      title={`${errors.length > 0 ? 'Fel: ' : ''}Signal ${s.id}`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/triage', text: 'Triagekö' },
      ]}
    >
      {props.done && DONE_MESSAGES[props.done] ? <SuccessBanner text={DONE_MESSAGES[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {`${labelOf(CHANNEL_LABELS, s.channel)}, ${formatSwedishDateTime(s.received_at)}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {`Signal ${s.id}`}
      </h1>
      <Facts data={data} names={props.names} />
      <h2 class="govuk-heading-m">Vad uppgiftslämnaren skrev</h2>
      {s.text ? <TextBlock text={s.text} /> : <p class="govuk-body">Signalen har ingen text.</p>}
      {s.has_personnummer ? (
        <p class="govuk-body-s">Signalen innehåller ett personnummer. Det visas på verksamhetens sida, med skäl som loggas.</p>
      ) : (
        ''
      )}
      <ClassificationSection data={data} names={props.names} errors={errors} values={values} base={base} csrf={staff.csrfToken} />
      <Attachments data={data} base={base} />
      <Handling data={data} staff={staff} suggestions={props.suggestions} assignees={props.assignees} errors={errors} values={values} base={base} />
      <Notes data={data} names={props.names} errors={errors} values={values} base={base} csrf={staff.csrfToken} />
      <Messages data={data} names={props.names} errors={errors} values={values} base={base} csrf={staff.csrfToken} />
    </StaffLayout>
  );
}
