import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import { assigneeText, CHANNEL_LABELS, firstWords, labelOf, RISK_AREA_CODES, riskAreaLabel, riskAreasText, STATUS_LABELS, URGENCY_LABELS } from '../labels.ts';
import type { QueueRow } from '../repository.ts';
import { hasPermission, scopeOf } from '../../../../platform/auth/index.ts';
import { RiskAlertList, type OpenAlert } from '../../../risk/index.ts';
import { Select, SuccessBanner, TextInput, type Option } from '../../../../platform/web/components.tsx';
import { UrgencyTag } from './components.tsx';
import { formatSwedishDateTime } from '../../../../platform/dates.ts';

/** The queue's filters as the form shows them (query-string values). */
export interface QueueForm {
  avdelning: string;
  kanal: string;
  bradska: string;
  risk: string;
  verksamhet: string;
  kommun: string;
  status: string;
  tilldelad: string;
}

export interface QueuePageProps {
  staff: StaffUser;
  form: QueueForm;
  /** Null for an inspector, who sees their own department's queue only. */
  departments: { code: string; name: string }[] | null;
  departmentName: string | null;
  municipalities: { code: string; name: string }[];
  rows: QueueRow[];
  total: number;
  assigneeNames: Map<string, string>;
  canLog: boolean;
  /** Open risk alerts of the same departments: CUSUM alarms and hard triggers from the risk analysis. */
  alerts: { rows: OpenAlert[]; total: number };
  /** The alert just taken or closed from this page. */
  changedAlert?: { unitName: string; status: 'new' | 'in_progress' | 'done' };
  /** This page's address, to come back to after an action on an alert. */
  returnTo: string;
  /** A signal that left the queue because it was linked to a unit of another department. */
  moved?: { signalId: string; departmentName: string };
}

const withAll = (all: string, options: Option[]): Option[] => [{ value: '', text: all }, ...options];
const entries = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, text]) => ({ value, text }));

function Filters({ form, departments, municipalities }: Pick<QueuePageProps, 'form' | 'departments' | 'municipalities'>) {
  return (
    <form method="get" action="/staff/triage" class="vaka-filters" aria-label="Filtrera kön">
      <div class="govuk-grid-row">
        {departments ? (
          <div class="govuk-grid-column-one-third">
            <Select
              id="avdelning"
              label="Avdelning"
              value={form.avdelning}
              options={withAll('Alla avdelningar', [...departments.map((d) => ({ value: d.code, text: d.name })), { value: 'ingen', text: 'Utan avdelning (kommun okänd)' }])}
            />
          </div>
        ) : (
          ''
        )}
        <div class="govuk-grid-column-one-third">
          <Select
            id="status"
            label="Status"
            value={form.status}
            options={[
              { value: 'open', text: 'Nya och pågående' },
              ...entries(STATUS_LABELS),
              { value: 'all', text: 'Alla' },
            ]}
          />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select
            id="tilldelad"
            label="Handläggare"
            value={form.tilldelad}
            options={[
              { value: '', text: 'Alla' },
              { value: 'me', text: 'Tilldelade mig' },
              { value: 'unassigned', text: 'Inte tilldelade' },
            ]}
          />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select id="kanal" label="Kanal" value={form.kanal} options={withAll('Alla kanaler', entries(CHANNEL_LABELS))} />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select id="bradska" label="Brådska" value={form.bradska} options={withAll('Alla', entries(URGENCY_LABELS))} />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select id="risk" label="Riskområde" value={form.risk} options={withAll('Alla riskområden', RISK_AREA_CODES.map((c) => ({ value: c, text: riskAreaLabel(c) })))} />
        </div>
        <div class="govuk-grid-column-one-third">
          <Select id="kommun" label="Kommun" value={form.kommun} options={withAll('Alla kommuner', municipalities.map((m) => ({ value: m.code, text: m.name })))} />
        </div>
        <div class="govuk-grid-column-one-third">
          <TextInput spellcheck={false} id="verksamhet" label="Verksamhet" hint="Namn eller del av namnet, eller id" value={form.verksamhet} />
        </div>
      </div>
      <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
        Visa
      </button>
      <a class="govuk-link govuk-!-margin-left-4" href="/staff/triage">
        Rensa filtren
      </a>
    </form>
  );
}

function QueueTable({ rows, total, assigneeNames }: Pick<QueuePageProps, 'rows' | 'total' | 'assigneeNames'>) {
  if (rows.length === 0) return <p class="govuk-body">Inga signaler matchar filtren.</p>;
  const caption =
    total > rows.length
      ? `${total} signaler. De ${rows.length} första visas: akuta först, sedan höga, sedan den som väntat längst.`
      : `${total} ${total === 1 ? 'signal' : 'signaler'}: akuta först, sedan höga, sedan den som väntat längst.`;
  return (
    <table class="govuk-table vaka-queue">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
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
            Brådska
          </th>
          <th scope="col" class="govuk-table__header">
            Riskområden
          </th>
          <th scope="col" class="govuk-table__header">
            Verksamhet
          </th>
          <th scope="col" class="govuk-table__header">
            Text
          </th>
          <th scope="col" class="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row" data-signal-id={row.id} data-urgency={row.urgency ?? ''}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/staff/signals/${encodeURIComponent(row.id)}`}>
                <span safe>{formatSwedishDateTime(row.received_at)}</span>
                <span class="govuk-visually-hidden" safe>{`, signal ${row.id}`}</span>
              </a>
            </td>
            <td class="govuk-table__cell" safe>
              {labelOf(CHANNEL_LABELS, row.channel)}
            </td>
            <td class="govuk-table__cell">
              <UrgencyTag urgency={row.urgency} />
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {riskAreasText(row.risk_areas)}
            </td>
            <td class="govuk-table__cell govuk-body-s">
              {row.unit_name ? <span safe>{row.unit_name}</span> : <em>ej kopplad</em>}
              {row.kommun_name ? <span class="govuk-!-display-block" safe>{row.kommun_name}</span> : ''}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {firstWords(row.excerpt)}
            </td>
            <td class="govuk-table__cell govuk-body-s">
              <span safe>{labelOf(STATUS_LABELS, row.triage_status)}</span>
              <span class="govuk-!-display-block" safe>
                {assigneeText(row.assigned_to, assigneeNames)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QueuePage(props: QueuePageProps) {
  const title = props.departmentName ? `Triagekö, ${props.departmentName}` : 'Triagekö';
  return (
    <StaffLayout title={title} staff={props.staff} breadcrumbs={[{ href: '/staff', text: 'Start' }]}>
      {props.moved ? <SuccessBanner text={`Signal ${props.moved.signalId} är kopplad till verksamheten och flyttad till ${props.moved.departmentName}.`} /> : ''}
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body">
        Alla signaler som kommit in och ska bedömas: tips, klagomål, rapporter, samtal och uppgifter från andra myndigheter. Akuta signaler
        ligger alltid överst.
      </p>
      {props.canLog ? (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" href="/staff/signals/new">
            Registrera en uppgift
          </a>
        </p>
      ) : (
        ''
      )}
      {hasPermission(props.staff, 'risk.read') ? (
        <RiskAlertList rows={props.alerts.rows} total={props.alerts.total} csrfToken={props.staff.csrfToken} returnTo={props.returnTo} staffNames={props.assigneeNames}
          changed={props.changedAlert}
          kommunName={props.form.kommun ? props.municipalities.find((m) => m.code === props.form.kommun)?.name : undefined}
          followsDepartment={props.departments !== null && scopeOf(props.staff, 'risk.read') === 'national'}
          signalFiltersChosen={Boolean(props.form.kanal || props.form.bradska || props.form.risk || props.form.verksamhet || props.form.tilldelad || (props.form.status && props.form.status !== 'open'))}
        />
      ) : (
        ''
      )}
      <h2 class="govuk-heading-m">Signaler</h2>
      <Filters form={props.form} departments={props.departments} municipalities={props.municipalities} />
      <QueueTable rows={props.rows} total={props.total} assigneeNames={props.assigneeNames} />
    </StaffLayout>
  );
}
