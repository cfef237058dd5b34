import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { CaseAccess } from '../../access.ts';
import type { CaseHeader } from '../../case-header.ts';
import { CaseLayout, caseUrl } from '../../case-layout.tsx';
import { INSPECTION_STATUS_LABELS } from '../labels.ts';
import type { ChoosingProject, findInspections } from '../repository.ts';
import { Choices, CsrfField, ErrorSummary, Select, SuccessBanner, TextInput } from '../../../../platform/web/components.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';

export interface PlanFormValues {
  unitId: string;
  announced: string;
  plannedOn: string;
  team: string[];
  selectionProjectId: string;
}

export interface InspectionsPageProps {
  staff: StaffUser;
  header: CaseHeader;
  access: CaseAccess;
  inspections: Awaited<ReturnType<typeof findInspections>>;
  units: { id: string; name: string; kommun_name: string }[];
  team: { subject: string; name: string }[];
  projects: ChoosingProject[];
  values: PlanFormValues;
  errors: FieldError[];
  done?: string;
}

export const INSPECTION_DONE_TEXTS: Record<string, string> = {
  installd: 'Inspektionen är inställd.',
};

export function InspectionsPage(props: InspectionsPageProps) {
  const { header, access, errors, values } = props;
  const projectOptions = [...new Map(props.projects.map((p) => [p.project_id, p])).values()].map((p) => ({
    value: String(p.project_id),
    text: `${p.title} (${props.projects.filter((q) => q.project_id === p.project_id).map((q) => q.unit_name).join(', ')})`,
  }));
  return (
    <CaseLayout staff={props.staff} header={header} tab="inspections" title="Inspektioner">
      {props.done && INSPECTION_DONE_TEXTS[props.done] ? <SuccessBanner text={INSPECTION_DONE_TEXTS[props.done]} /> : ''}
      <ErrorSummary errors={errors} />
      <h2 class="govuk-heading-m">Inspektioner</h2>
      {props.inspections.length === 0 ? (
        <p class="govuk-body">Ingen inspektion är planerad i ärendet.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-visually-hidden">Inspektioner i ärendet</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Verksamhet</th>
              <th scope="col" class="govuk-table__header">Form</th>
              <th scope="col" class="govuk-table__header">Planerad</th>
              <th scope="col" class="govuk-table__header">Status</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Iakttagelser</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Intervjuer</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.inspections.map((i) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={caseUrl(header.id, `/inspektioner/${i.id}`)} safe>
                    {i.unit_name}
                  </a>
                </td>
                <td class="govuk-table__cell">{i.announced ? 'Anmäld' : 'Oanmäld'}</td>
                <td class="govuk-table__cell" safe>
                  {formatLongDate(i.planned_on)}
                </td>
                <td class="govuk-table__cell" safe>
                  {`${INSPECTION_STATUS_LABELS[i.status]}${i.performed_on ? ` ${formatLongDate(i.performed_on)}` : ''}`}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(Number(i.findings ?? 0))}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(Number(i.interviews ?? 0))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!access.canWork ? <p class="govuk-inset-text">Du kan läsa inspektionerna i ärendet men inte planera eller registrera dem.</p> : ''}
      {access.canWork && props.units.length === 0 ? <p class="govuk-inset-text">Ärendet är inte kopplat till någon verksamhet eller vårdgivare att inspektera.</p> : ''}
      {access.canWork && props.units.length > 0 ? (
        <>
          <h2 class="govuk-heading-m" id="fran-urval">
            Planera inspektion från urvalsprojekt
          </h2>
          {props.projects.length === 0 ? (
            <p class="govuk-body">Inget urvalsprojekt har valt den här vårdgivarens verksamheter för inspektion.</p>
          ) : (
            <table class="govuk-table">
              <caption class="govuk-visually-hidden">Urvalsprojekt som valt verksamheten för inspektion</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Urvalsprojekt</th>
                  <th scope="col" class="govuk-table__header">Vald verksamhet</th>
                  <th scope="col" class="govuk-table__header">Skäl i steg 3</th>
                  <th scope="col" class="govuk-table__header">
                    <span class="govuk-visually-hidden">Åtgärd</span>
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {props.projects.map((p) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/staff/urval/${p.project_id}`} safe>
                        {p.title}
                      </a>
                      <span class="govuk-body-s" safe>{` (risker per ${p.as_of})`}</span>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {p.unit_name}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {p.reason ?? '–'}
                    </td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`${caseUrl(header.id, '/inspektioner')}?projekt=${p.project_id}&enhet=${encodeURIComponent(p.unit_id)}#planera`}>
                        Planera<span class="govuk-visually-hidden" safe>{` inspektion av ${p.unit_name} från ${p.title}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={caseUrl(header.id, '/inspektioner')} novalidate>
            <CsrfField token={props.staff.csrfToken} />
            <h2 class="govuk-heading-m" id="planera">
              Planera en inspektion
            </h2>
            <Select
              id="unitId"
              label="Verksamhet"
              hint="Ärendets verksamhet eller en annan verksamhet hos samma vårdgivare"
              value={values.unitId}
              options={props.units.map((u) => ({ value: u.id, text: `${u.name}, ${u.kommun_name}${u.id === header.unit_id ? ' (ärendets verksamhet)' : ''}` }))}
              errors={errors}
            />
            <Choices
              id="announced"
              type="radio"
              legend="Anmäld eller oanmäld?"
              options={[
                { value: 'yes', text: 'Anmäld', hint: 'Verksamheten får veta i förväg.' },
                { value: 'no', text: 'Oanmäld', hint: 'Syns inte för verksamheten eller i diariet förrän inspektionen är genomförd.' },
              ]}
              checked={values.announced ? [values.announced] : []}
              errors={errors}
            />
            <TextInput id="plannedOn" label="Planerad dag" hint="ÅÅÅÅ-MM-DD, till exempel 2026-12-15" value={values.plannedOn} errors={errors} width="10" />
            {props.team.length > 0 ? (
              <Choices
                id="team"
                type="checkbox"
                legend="Vilka ur ärendets team deltar?"
                options={props.team.map((m) => ({ value: m.subject, text: m.name }))}
                checked={values.team}
                errors={errors}
                small
              />
            ) : (
              <p class="govuk-inset-text" id="team">
                Ärendet har inget team ännu. Lägg till handläggare i ärendet först: bara ärendets team kan delta i inspektionen.
              </p>
            )}
            <Select
              id="selectionProjectId"
              label="Urvalsprojekt (om inspektionen kommer från ett)"
              value={values.selectionProjectId}
              options={[{ value: '', text: 'Inget urvalsprojekt' }, ...projectOptions]}
              errors={errors}
            />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Planera inspektionen
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </CaseLayout>
  );
}
