import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorSummary } from '../../../../platform/web/components.tsx';
import { CsrfField, Field } from './form.tsx';
import { formatValue, SIGNAL_CHANNEL_LABELS } from './labels.ts';
import { formatSwedishDate } from '../../../../platform/dates.ts';

interface SignalSummary {
  id: string;
  channel: string;
  received_at: Date | string;
}

interface PersonalDataPageProps {
  staff: StaffUser;
  unit: { id: string; name: string };
  signal: SignalSummary;
  /** Shown after the read has been logged; absent on the form that asks why. */
  personnummer?: string;
  reason?: string;
  errors?: FieldError[];
}

const channel = (code: string) => SIGNAL_CHANNEL_LABELS[code] ?? code;

/** Personnummer as people write it: YYYYMMDD-NNNN. */
function formatPersonnummer(value: string): string {
  const digits = value.trim();
  return /^\d{12}$/.test(digits) ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}

export function PersonalDataPage({ staff, unit, signal, personnummer, reason = '', errors = [] }: PersonalDataPageProps) {
  const unitHref = `/staff/units/${encodeURIComponent(unit.id)}`;
  const action = `${unitHref}/signals/${encodeURIComponent(signal.id)}/personuppgifter`;
  const about = `${channel(signal.channel)}, inkom ${formatSwedishDate(signal.received_at)}`;
  return (
    <StaffLayout
      title={`${errors.length > 0 ? 'Fel: ' : ''}Personuppgifter – ${unit.name}`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: unitHref, text: unit.name },
      ]}
    >
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {about}
      </span>
      <h1 class="govuk-heading-l">Personuppgifter</h1>
      {personnummer ? (
        <>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Personnummer</dt>
              <dd class="govuk-summary-list__value" safe>
                {formatPersonnummer(personnummer)}
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Ditt skäl</dt>
              <dd class="govuk-summary-list__value" safe>
                {formatValue(reason)}
              </dd>
            </div>
          </dl>
          <p class="govuk-body">Att du har sett uppgiften är loggat med ditt namn, tid och skäl.</p>
          <p class="govuk-body">
            <a class="govuk-link" href={unitHref}>
              Tillbaka till verksamheten
            </a>
          </p>
        </>
      ) : (
        <>
          <div class="govuk-inset-text">
            Uppgiften innehåller personuppgifter som omfattas av sekretess. Varje gång någon visar dem loggas vem, när och varför.
          </div>
          <form method="post" action={action} novalidate>
            <CsrfField token={staff.csrfToken} />
            <Field
              id="reason"
              label="Varför behöver du se personuppgifterna?"
              hint="Till exempel: utredning av klagomålet i ärende IVO 2026-1234."
              errors={errors}
              render={(describedBy, hasError) => (
                <textarea class={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`} id="reason" name="reason" rows="3" aria-describedby={describedBy} safe>
                  {reason}
                </textarea>
              )}
            />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button">
                Visa personuppgifter
              </button>
              <a class="govuk-link" href={unitHref}>
                Avbryt
              </a>
            </div>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
