import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../platform/auth/index.ts';
import { formatSwedishDateTime, formatSwedishLongDate } from '../../../platform/dates.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { Choices, ErrorSummary, KeptText, ProblemSummary, Select, SuccessBanner, SummaryRow, TextArea, TextBlock, TextInput } from '../../../platform/web/components.tsx';
import { CHANNEL_RULES } from '../method.ts';
import { formatScore } from '../workspace/labels.ts';
import { AlertFormFields } from './alert-form-fields.tsx';
import { ALERT_KIND_LABELS, ALERT_OUTCOMES, OUTCOME_TEXT, STATUS_TEXT, type AlertDetails } from './risk-alerts.ts';

/** What the person wrote in a form that failed, so it is not lost. */
export type AlertFormValues = Partial<Record<'outcome' | 'caseRef' | 'note' | 'assignee', string>>;

export interface AlertPageProps {
  staff: StaffUser;
  alert: AlertDetails;
  /** Take, hand back, assign, close and reopen: for those who triage the alert's department. */
  actions: boolean;
  /** Colleagues the alert can be handed to (the person included). */
  holders: { subject: string; name: string }[];
  names: Map<string, string>;
  /** The acute signals link to triage: for those who triage the department. */
  signalLinks: boolean;
  errors?: FieldError[];
  /** A colleague changed the alert since the page was shown: what the page now says instead of doing it. */
  conflict?: string;
  values?: AlertFormValues;
  /** What was just done here, said at the top. */
  done?: string;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One risk alert in full: why it was raised, who holds it, and taking, handing over and closing it with its outcome. */
export function AlertPage({ staff, alert, actions, holders, names, signalLinks, errors = [], conflict, values = {}, done }: AlertPageProps): JSX.Element {
  const nameOf = (subject: string | null) => (subject ? (names.get(subject) ?? subject) : '');
  const base = `/staff/riskalarm/${alert.id}`;
  const breadcrumbs = actions
    ? [{ href: '/staff', text: 'Start' }, { href: '/staff/triage#risklarm-rubrik', text: 'Triagekö' }]
    : [{ href: '/staff', text: 'Start' }, { href: '/staff/risk', text: 'Riskanalys' }, { href: '/staff/risk/larm', text: 'Öppna risklarm' }];
  const seen = <AlertFormFields csrfToken={staff.csrfToken} returnTo={base} alert={alert} />;
  return (
    <StaffLayout title={`${errors.length > 0 || conflict ? 'Fel: ' : ''}Risklarm för ${alert.unit_name}`} staff={staff} breadcrumbs={breadcrumbs}>
      {done ? <SuccessBanner text={done} /> : ''}
      <ErrorSummary errors={errors} />
      {conflict ? (
        <ProblemSummary title="Inget har ändrats" data-alert-conflict="true">
          <p class="govuk-body" safe>
            {conflict}
          </p>
          {values.note && alert.status === 'done' ? (
            // The closing form is gone with the alert closed: what the person wrote is kept here to copy.
            <KeptText id="skriven-motivering" label="Det du skrev" text={values.note} />
          ) : (
            ''
          )}
        </ProblemSummary>
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>{ALERT_KIND_LABELS[alert.kind] ?? alert.kind}</span>
      <h1 class="govuk-heading-l" safe>{`Risklarm för ${alert.unit_name}`}</h1>
      <dl class="govuk-summary-list" data-alert-facts="true">
        <SummaryRow name="Verksamhet">
          <a class="govuk-link" href={`/staff/risk/enhet/${encodeURIComponent(alert.unit_id)}`} safe>
            {alert.unit_name}
          </a>
          {alert.kommun_name ? <span safe>{`, ${alert.kommun_name}`}</span> : ''}
        </SummaryRow>
        <SummaryRow name="Larmdatum" value={formatSwedishLongDate(alert.raised_at)} />
        <SummaryRow name="Riskpoäng då" value={formatScore(alert.score)} />
        <SummaryRow name="Status" value={`${STATUS_TEXT[alert.status]}${alert.handled_by && alert.status !== 'new' ? ` (${nameOf(alert.handled_by)}${alert.handled_at ? `, ${formatSwedishDateTime(alert.handled_at)}` : ''})` : ''}`} />
        {alert.outcome ? <SummaryRow name="Ledde till" value={OUTCOME_TEXT[alert.outcome]} /> : ''}
        {alert.case_ref ? (
          <SummaryRow name="Ärende">
            {alert.case_id ? (
              <a class="govuk-link" href={`/staff/arenden/${encodeURIComponent(alert.case_id)}`} safe>
                {alert.case_ref}
              </a>
            ) : (
              <span safe>{alert.case_ref}</span>
            )}
          </SummaryRow>
        ) : (
          ''
        )}
        {alert.note ? (
          <SummaryRow name="Motivering">
            <TextBlock text={alert.note} />
          </SummaryRow>
        ) : (
          ''
        )}
      </dl>

      <h2 class="govuk-heading-m">Varför larmet gick</h2>
      <ul class="govuk-list govuk-list--bullet">
        {alert.explanation.map((sentence) => (
          <li safe>{sentence}</li>
        ))}
      </ul>

      {alert.kind === 'acute_signal' ? (
        <>
          <h2 class="govuk-heading-m">{alert.signals.length === 1 ? 'Den akuta signalen' : 'De akuta signalerna'}</h2>
          {alert.signals.length === 0 ? (
            <p class="govuk-body">Ingen akut signal från larmets två veckor är kopplad till verksamheten nu: den kan ha kopplats till en annan verksamhet eller fått en annan brådska.</p>
          ) : (
            <ul class="govuk-list" data-alert-signals="true">
              {alert.signals.map((signal) => {
                const text = `${capitalised(CHANNEL_RULES[signal.channel as keyof typeof CHANNEL_RULES]?.label[0] ?? signal.channel)}, inkom ${formatSwedishDateTime(signal.received_at)}`;
                return (
                  <li>
                    {signalLinks ? (
                      <a class="govuk-link" href={`/staff/signals/${encodeURIComponent(signal.id)}`} safe>
                        {text}
                      </a>
                    ) : (
                      <span safe>{text}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : (
        ''
      )}

      {actions ? (
        alert.status === 'done' ? (
          <form method="post" action={`${base}/status`}>
            {seen}
            <h2 class="govuk-heading-m" id="handlaggning">
              Handläggning
            </h2>
            <p class="govuk-body">Ett avslutat larm kan öppnas igen, till exempel om det avslutades av misstag.</p>
            <button type="submit" name="status" value="new" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Öppna larmet igen
            </button>
          </form>
        ) : (
          <>
            <h2 class="govuk-heading-m" id="handlaggning">
              Handläggning
            </h2>
            <form method="post" action={`${base}/status`}>
              {seen}
              {alert.status === 'in_progress' && alert.handled_by === staff.subject ? (
                <button type="submit" name="status" value="new" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Lämna tillbaka
                </button>
              ) : (
                <button type="submit" name="status" value="in_progress" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Ta larmet
                </button>
              )}
            </form>
            <form method="post" action={`${base}/tilldela`} novalidate>
              {seen}
              <Select
                id="assignee"
                label="Tilldela en kollega"
                hint="Kollegor som triagerar på avdelningen och får läsa dess riskanalys."
                value={values.assignee ?? ''}
                emptyLabel="Välj en kollega"
                options={holders.filter((h) => h.subject !== alert.handled_by).map((h) => ({ value: h.subject, text: h.subject === staff.subject ? `${h.name} (du)` : h.name }))}
                errors={errors}
              />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                Tilldela
              </button>
            </form>
            <form method="post" action={`${base}/status`} novalidate>
              {seen}
              <h2 class="govuk-heading-m" id="avsluta">
                Avsluta larmet
              </h2>
              <Choices
                id="outcome"
                type="radio"
                legend="Vad ledde larmet till?"
                options={Object.entries(ALERT_OUTCOMES).map(([value, text]) => ({ value, text }))}
                checked={[values.outcome ?? '']}
                errors={errors}
              />
              <TextInput spellcheck={false} id="caseRef" label="Ärendets diarienummer" hint="Om larmet gick till ett ärende eller hör till ett pågående, till exempel 3.5.1-12345/2026" value={values.caseRef ?? ''} width="20" errors={errors} />
              <TextArea id="note" label="Motivering" hint="Krävs om ingen åtgärd behövs. Syns bara för medarbetare." value={values.note ?? ''} rows={3} errors={errors} />
              <button type="submit" name="status" value="done" class="govuk-button" data-module="govuk-button">
                Avsluta larmet
              </button>
            </form>
          </>
        )
      ) : (
        <p class="govuk-body">Larmen tas och avslutas av dem som triagerar signaler på avdelningen.</p>
      )}

      <h2 class="govuk-heading-m">Historik</h2>
      <ul class="govuk-list" data-alert-history="true">
        <li safe>{`${formatSwedishDateTime(alert.raised_at)}: larmet gick i riskanalysen.`}</li>
        {alert.history.map((event) => (
          <li safe>{`${formatSwedishDateTime(event.at)}: ${historyText(event, nameOf)}`}</li>
        ))}
      </ul>
    </StaffLayout>
  );
}

/** One change of an alert, said in plain Swedish. */
function historyText(event: AlertDetails['history'][number], nameOf: (subject: string | null) => string): string {
  const who = nameOf(event.actor);
  if (event.action === 'risk_alert.assign') return `${who} tilldelade larmet till ${nameOf(event.to)}.`;
  if (event.to === 'in_progress') return `${who} tog larmet.`;
  if (event.to === 'new') return event.from === 'done' ? `${who} öppnade larmet igen.` : `${who} lämnade tillbaka larmet.`;
  if (event.to === 'done') return `${who} avslutade larmet${event.outcome && event.outcome in OUTCOME_TEXT ? `: ${OUTCOME_TEXT[event.outcome as keyof typeof OUTCOME_TEXT].toLowerCase()}` : ''}.`;
  return `${who} ändrade larmet.`;
}
