import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { LEGAL_FORMS, PROVIDER_KINDS, UNIT_FORMS } from '../../codes.ts';
import { SummaryRow } from '../../../../platform/web/components.tsx';
import { agesText, homeTypeLabel, orientationText, StatusTag } from '../../public/pages/components.tsx';
import { CORRECTABLE_FIELDS } from '../correct-unit.ts';
import type { NotificationWarning } from '../notification-rules.ts';
import type { findPermitsWithHistory, findRecentSignals, findRegisterHistory, UnitDetail } from '../repository.ts';
import { formatValue, NOTIFICATION_KIND_LABELS, SEVERITY_LABELS, SIGNAL_CHANNEL_LABELS, URGENCY_LABELS } from './labels.ts';
import { formatSwedishDate, formatSwedishDateTime } from '../../../../platform/dates.ts';

type Permits = Awaited<ReturnType<typeof findPermitsWithHistory>>;
type History = Awaited<ReturnType<typeof findRegisterHistory>>;
type Signals = Awaited<ReturnType<typeof findRecentSignals>>;

export interface NotificationRow {
  id: string;
  kind: string;
  event_date: string;
  received_on: string;
  description: string | null;
  warning: NotificationWarning | null;
}

export interface UnitPageProps {
  staff: StaffUser;
  unit: UnitDetail;
  permits: Permits;
  notifications: NotificationRow[];
  history: History;
  signals: Signals;
  canCorrect: boolean;
  canReadPersonalData: boolean;
  corrected: boolean;
}

const label = <T extends Record<string, unknown>>(codes: T, code: string | null, pick: (v: T[keyof T]) => string = (v) => String(v)) =>
  code && Object.hasOwn(codes, code) ? pick(codes[code as keyof T]) : formatValue(code);

// (updated_at is Generated<Timestamp> in schema.ts, which Kysely selects as the ColumnType itself: a Date at runtime.)
function RegisterSection({ unit }: { unit: UnitDetail }) {
  const address = [unit.street, [unit.postal_code, unit.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '–';
  return (
    <dl class="govuk-summary-list">
      <SummaryRow name="Id" value={unit.id} />
      <SummaryRow name="Namn" value={unit.name} />
      <SummaryRow name="Verksamhetsform" value={label(UNIT_FORMS, unit.form)} />
      <SummaryRow name="Inriktning" value={orientationText(unit.orientation)} />
      <SummaryRow name="Typ av hem" value={homeTypeLabel(unit.home_type) ?? '–'} />
      <SummaryRow name="Åldrar" value={agesText(unit.age_min, unit.age_max)} />
      <SummaryRow name="Storlek" value={formatValue(unit.size)} />
      <SummaryRow name="Antal platser" value={formatValue(unit.capacity)} />
      <SummaryRow name="Adress" value={address} />
      <SummaryRow name="Kommun" value={`${unit.kommun_name} (${unit.kommun})`} />
      <SummaryRow name="Län" value={unit.county_name} />
      <SummaryRow name="Tillsynsavdelning" value={unit.department_name} />
      <SummaryRow name="Telefon" value={formatValue(unit.phone)} />
      <SummaryRow name="E-post" value={formatValue(unit.email)} />
      <SummaryRow name="Webbplats" value={formatValue(unit.website)} />
      <SummaryRow name="Verksamhetskoder" value={formatValue(unit.operation_codes)} />
      <SummaryRow name="HSA-id" value={formatValue(unit.hsa_id)} />
      <SummaryRow name="Startade" value={formatValue(unit.opened)} />
      <SummaryRow name="Upphörde" value={formatValue(unit.closed)} />
      <SummaryRow name="Senast ändrad" value={`${formatSwedishDateTime(unit.updated_at as unknown as Date)} (ändringsnummer ${unit.change_seq})`} />
    </dl>
  );
}

function ProviderSection({ unit }: { unit: UnitDetail }) {
  return (
    <dl class="govuk-summary-list">
      <SummaryRow name="Namn" value={unit.provider_name} />
      <SummaryRow name="Organisationsnummer" value={unit.provider_orgnr ? `${unit.provider_orgnr.slice(0, 6)}-${unit.provider_orgnr.slice(6)}` : '–'} />
      <SummaryRow name="Typ" value={label(PROVIDER_KINDS, unit.provider_kind)} />
      <SummaryRow name="E-post" value={formatValue(unit.provider_email)} />
      <SummaryRow name="Telefon" value={formatValue(unit.provider_phone)} />
      <SummaryRow name="PEPPOL-id" value={formatValue(unit.provider_peppol_id)} />
    </dl>
  );
}

function PermitsSection({ permits }: { permits: Permits }) {
  if (permits.length === 0) return <p class="govuk-body">Verksamheten har inga tillstånd i registret.</p>;
  return (
    <>
      {permits.map((permit) => (
        <div class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-s">
            <span safe>{label(LEGAL_FORMS, permit.legal_form, (f) => `${f.label} (${f.law})`)}</span> <StatusTag status={permit.status} />
          </h3>
          <p class="govuk-body-s" safe>
            {`Tillstånd ${permit.id}, beviljat ${permit.granted_on}.`}
          </p>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Statushistorik</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Från och med
                </th>
                <th scope="col" class="govuk-table__header">
                  Status
                </th>
                <th scope="col" class="govuk-table__header">
                  Skäl
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {permit.history.map((h) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" safe>
                    {h.valid_from}
                  </td>
                  <td class="govuk-table__cell">
                    <StatusTag status={h.status} />
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatValue(h.reason)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

function NotificationsSection({ notifications }: { notifications: NotificationRow[] }) {
  if (notifications.length === 0) return <p class="govuk-body">Inga anmälningar till vårdgivarregistret.</p>;
  const late = notifications.filter((n) => n.warning).length;
  return (
    <>
      {late > 0 ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Varning</span>
            <span safe>{`${late} av ${notifications.length} anmälningar kom in för sent.`}</span>
          </strong>
        </div>
      ) : (
        ''
      )}
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">Anmälningar, senast inkomna först</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Anmälan
            </th>
            <th scope="col" class="govuk-table__header">
              Gäller datum
            </th>
            <th scope="col" class="govuk-table__header">
              Inkom
            </th>
            <th scope="col" class="govuk-table__header">
              Beskrivning och bedömning
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {notifications.map((n) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" safe>
                {label(NOTIFICATION_KIND_LABELS, n.kind)}
              </td>
              <td class="govuk-table__cell" safe>
                {n.event_date}
              </td>
              <td class="govuk-table__cell" safe>
                {n.received_on}
              </td>
              <td class="govuk-table__cell">
                {n.description ? <p class="govuk-body-s govuk-!-margin-bottom-1" safe>{n.description}</p> : ''}
                {n.warning ? (
                  <p class="govuk-body-s vaka-warning govuk-!-margin-bottom-0" safe>
                    {n.warning.message}
                  </p>
                ) : (
                  <p class="govuk-body-s govuk-!-margin-bottom-0">I tid.</p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SignalsSection({ unit, signals, canReadPersonalData }: { unit: UnitDetail; signals: Signals; canReadPersonalData: boolean }) {
  if (signals.length === 0) return <p class="govuk-body">Inga inkomna uppgifter om verksamheten.</p>;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">
        <span safe>{`De ${signals.length} senast inkomna, nyast först. Personuppgifter visas inte här.`}</span>
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Inkom
          </th>
          <th scope="col" class="govuk-table__header">
            Kanal
          </th>
          <th scope="col" class="govuk-table__header">
            Allvarlighet
          </th>
          <th scope="col" class="govuk-table__header">
            Text
          </th>
          <th scope="col" class="govuk-table__header">
            Personuppgifter
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {signals.map((s) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {formatSwedishDate(s.received_at)}
            </td>
            <td class="govuk-table__cell" safe>
              {label(SIGNAL_CHANNEL_LABELS, s.channel)}
            </td>
            <td class="govuk-table__cell" safe>
              {[s.severity ? (SEVERITY_LABELS[s.severity] ?? String(s.severity)) : '–', s.urgency && s.urgency !== 'normal' ? `(${label(URGENCY_LABELS, s.urgency)})` : ''].filter(Boolean).join(' ')}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {formatValue(s.text)}
            </td>
            <td class="govuk-table__cell">
              {s.has_personal_data && canReadPersonalData ? (
                <a class="govuk-link" href={`/staff/units/${encodeURIComponent(unit.id)}/signals/${encodeURIComponent(s.id)}/personuppgifter`}>
                  Visa personuppgifter<span class="govuk-visually-hidden" safe>{` för uppgiften som inkom ${formatSwedishDate(s.received_at)}`}</span>
                </a>
              ) : s.has_personal_data ? (
                'Finns, du har inte behörighet'
              ) : (
                '–'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const fieldName = (field: string) => (CORRECTABLE_FIELDS as Record<string, string>)[field] ?? field;

function HistorySection({ history }: { history: History }) {
  if (history.length === 0) return <p class="govuk-body">Uppgifterna har inte rättats av någon medarbetare.</p>;
  return (
    <>
      {history.map((h) => (
        <div class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-s" safe>
            {`${formatSwedishDateTime(h.changed_at)} – ${h.changed_by}`}
          </h3>
          <p class="govuk-body">
            <strong>Skäl:</strong> <span safe>{h.reason}</span>
          </p>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">Ändrade uppgifter</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Uppgift
                </th>
                <th scope="col" class="govuk-table__header">
                  Före
                </th>
                <th scope="col" class="govuk-table__header">
                  Efter
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {Object.keys({ ...(h.before ?? {}), ...(h.after ?? {}) }).map((field) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header" safe>
                    {fieldName(field)}
                  </th>
                  <td class="govuk-table__cell" safe>
                    {formatValue(h.before?.[field])}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatValue(h.after?.[field])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

export function UnitPage(props: UnitPageProps) {
  const { staff, unit } = props;
  const base = `/staff/units/${encodeURIComponent(unit.id)}`;
  return (
    <StaffLayout title={unit.name} staff={staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      {props.corrected ? (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="rattad-titel">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="rattad-titel">
              Klart
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">Uppgifterna är rättade. Ändringen syns i historiken längre ner.</p>
          </div>
        </div>
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {`${label(UNIT_FORMS, unit.form)}, ${unit.kommun_name}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {unit.name}
      </h1>
      {props.canCorrect ? (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" href={`${base}/rattelse`}>
            Rätta uppgifter
          </a>
        </p>
      ) : (
        ''
      )}
      <h2 class="govuk-heading-m">Registeruppgifter</h2>
      <RegisterSection unit={unit} />
      <h2 class="govuk-heading-m">Vårdgivare eller huvudman</h2>
      <ProviderSection unit={unit} />
      <h2 class="govuk-heading-m">Tillstånd</h2>
      <PermitsSection permits={props.permits} />
      <h2 class="govuk-heading-m">Anmälningar till vårdgivarregistret</h2>
      <NotificationsSection notifications={props.notifications} />
      <h2 class="govuk-heading-m">Inkomna uppgifter</h2>
      <SignalsSection unit={unit} signals={props.signals} canReadPersonalData={props.canReadPersonalData} />
      <h2 class="govuk-heading-m" id="historik">
        Rättelser (registerhistorik)
      </h2>
      <HistorySection history={props.history} />
    </StaffLayout>
  );
}
