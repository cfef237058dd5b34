import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { NewProjectForm } from '../create-project.ts';
import { Choices, CsrfField, ErrorSummary, Select, TextArea, TextInput, type Option } from '../../../../platform/web/components.tsx';

export interface NewProjectPageProps {
  staff: StaffUser;
  form: NewProjectForm;
  errors: FieldError[];
  forms: Option[];
  /** Null for an inspector, whose population always lies within their own department. */
  departments: Option[] | null;
  counties: Option[];
  municipalities: Option[];
  /** The latest national run the population would be frozen from, or null when there is none. */
  run: { id: number; asOf: string } | null;
}

export function NewProjectPage(props: NewProjectPageProps) {
  const { staff, form, errors } = props;
  return (
    <StaffLayout
      title={errors.length > 0 ? 'Fel: Nytt urvalsprojekt' : 'Nytt urvalsprojekt'}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/urval', text: 'Urvalsprojekt' },
      ]}
    >
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Nytt urvalsprojekt</h1>
      {props.run ? (
        <p class="govuk-body" safe>
          {`Populationen hämtas från den senaste nationella riskberäkningen (per ${props.run.asOf}) och sparas som den är när projektet skapas. Senare beräkningar ändrar inte projektets underlag.`}
        </p>
      ) : (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Varning</span>
            Det finns ingen nationell riskberäkning ännu. Urvalet bygger på den, så en beräkning behöver köras innan ett projekt kan skapas.
          </strong>
        </div>
      )}
      <form method="post" action="/staff/urval" novalidate>
        <CsrfField token={staff.csrfToken} />
        <input type="hidden" name="skickid" value={form.skickid} />
        <TextInput spellcheck={false} id="namn" label="Namn på projektet" hint="Till exempel: Vårdcentraler i Stockholms län 2026" value={form.namn} errors={errors} labelClass="govuk-label--m" />
        <TextArea id="syfte" label="Syfte" hint="Vad urvalet ska leda till och vilka risker det gäller." value={form.syfte} errors={errors} rows={4} labelClass="govuk-label--m" />
        <h2 class="govuk-heading-m">Population</h2>
        <p class="govuk-body">Populationen är alla öppna verksamheter med riskpoäng som har någon av de valda formerna och ligger inom området.</p>
        <Choices id="verksamhetsform" type="checkbox" legend="Verksamhetsform" hint="Välj en eller flera." options={props.forms} checked={form.verksamhetsform} errors={errors} small />
        {props.departments ? (
          <Select id="avdelning" label="Avdelning (valfritt)" value={form.avdelning} options={[{ value: '', text: 'Hela landet' }, ...props.departments]} errors={errors} />
        ) : (
          <p class="govuk-body" safe>
            {`Populationen avgränsas till ${staff.departmentName ?? 'din avdelning'}.`}
          </p>
        )}
        <Select id="lan" label="Län (valfritt)" value={form.lan} options={[{ value: '', text: props.departments ? 'Alla län' : 'Alla län inom avdelningen' }, ...props.counties]} errors={errors} />
        <Select id="kommun" label="Kommun (valfritt)" value={form.kommun} options={[{ value: '', text: 'Alla kommuner' }, ...props.municipalities]} errors={errors} />
        <TextInput spellcheck={false}
          id="vardgivare"
          label="Vårdgivare eller huvudman (valfritt)"
          hint="Organisationsnummer eller exakt namn. Lämna tomt för alla."
          value={form.vardgivare}
          errors={errors}
          width="20"
        />
        <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" disabled={!props.run}>
          Skapa projektet
        </button>
      </form>
    </StaffLayout>
  );
}
