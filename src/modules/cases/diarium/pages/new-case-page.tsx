import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { NewCaseForm } from '../open-case-from-form.ts';
import type { UnitForCase } from '../repository.ts';
import { caseTypeOptions } from './case-list-page.tsx';
import { Choices, CsrfField, ErrorMessage, ErrorSummary, Select, TextArea, TextInput } from '../../../../platform/web/components.tsx';

export interface UnitHit {
  id: string;
  name: string;
  closed: string | null;
  kommun_name: string;
  provider_name: string;
}

export interface NewCasePageProps {
  staff: StaffUser;
  form: NewCaseForm;
  errors: FieldError[];
  /** Register hits after "Sök verksamhet". */
  hits: { total: number; rows: UnitHit[] } | null;
  /** The unit already chosen (from ?verksamhet=, a signal, or an earlier choice). */
  unit: UnitForCase | null;
  /** Departments to choose among for a case without a unit (national roles); null otherwise. */
  departments: { code: string; name: string }[] | null;
  responsibleOptions: { subject: string; name: string }[];
  /** Signals from the triage the case is opened from, for the person to see what is linked. */
  signals: { id: string; channelLabel: string; receivedOn: string }[];
}

export const TITLE_HINT =
  'Vad ärendet gäller, till exempel ”Klagomål på vården vid akutmottagningen”. Ärendemeningen är offentlig och visas i det allmänna diariet: skriv inga personuppgifter, alltså inga namn, personnummer eller andra uppgifter om patienter, brukare eller anmälare.';

function UnitChoice({ form, hits, unit, errors }: Pick<NewCasePageProps, 'form' | 'hits' | 'unit' | 'errors'>) {
  if (hits) {
    if (hits.total === 0) {
      return (
        <p class="govuk-body" safe>
          {`Ingen verksamhet i registret matchar ”${form.unitQuery}”.`}
        </p>
      );
    }
    return (
      <Choices
        id="unitId"
        type="radio"
        legend={hits.total > hits.rows.length ? `Välj verksamhet (${hits.total} träffar, de första ${hits.rows.length} visas)` : 'Välj verksamhet'}
        small
        options={[
          ...hits.rows.map((u) => ({ value: u.id, text: u.closed ? `${u.name} (upphörde ${u.closed})` : u.name, hint: `${u.kommun_name}, ${u.provider_name}` })),
          { value: '', text: 'Ingen verksamhet', hint: 'Ärendet gäller ingen enskild verksamhet' },
        ]}
        checked={[form.unitId]}
        errors={errors}
      />
    );
  }
  if (unit) {
    return (
      <div class={`govuk-form-group${errors.some((e) => e.field === 'unitId') ? ' govuk-form-group--error' : ''}`}>
        <input type="hidden" name="unitId" value={unit.id} />
        <ErrorMessage id="unitId" errors={errors} />
        <p class="govuk-body" id="unitId">
          <strong>Vald verksamhet: </strong>
          <span safe>{`${unit.name}, ${unit.kommun_name ?? ''} (${unit.provider_name})`}</span>
        </p>
      </div>
    );
  }
  return (
    <>
      <ErrorMessage id="unitId" errors={errors} />
      {form.unitId ? <input type="hidden" name="unitId" value={form.unitId} /> : ''}
    </>
  );
}

export function NewCasePage(props: NewCasePageProps) {
  const { staff, form, errors } = props;
  return (
    <StaffLayout
      title={`${errors.length ? 'Fel: ' : ''}Öppna ett nytt ärende`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/arenden', text: 'Ärenden' },
      ]}
    >
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Öppna ett nytt ärende</h1>
      <p class="govuk-body">Ärendet får ett diarienummer när du öppnar det. Det registreras i diariet, som är offentligt.</p>
      <form method="post" action="/staff/arenden/nytt" novalidate>
        <CsrfField token={staff.csrfToken} />
        <Select id="caseType" label="Ärendetyp" labelClass="govuk-label--m" value={form.caseType} options={caseTypeOptions('Välj ärendetyp')} errors={errors} />
        <TextArea id="title" label="Ärendemening" labelClass="govuk-label--m" hint={TITLE_HINT} value={form.title} rows={2} errors={errors} />

        <h2 class="govuk-heading-m">Verksamhet</h2>
        <UnitChoice form={form} hits={props.hits} unit={props.unit} errors={errors} />
        <TextInput spellcheck={false}
          id="unitQuery"
          label={props.unit ? 'Byt verksamhet: sök i registret' : 'Sök verksamheten i registret'}
          hint="Namn eller del av namnet, organisationsnummer eller kommun"
          value={form.unitQuery}
          width="20"
          errors={errors}
        />
        <button type="submit" name="action" value="search" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Sök verksamhet
        </button>
        {props.departments ? (
          <Select
            id="departmentCode"
            label="Avdelning"
            hint="För ett ärende utan verksamhet. Ett ärende om en verksamhet hör till avdelningen där verksamheten finns."
            value={form.departmentCode}
            options={[{ value: '', text: 'Ingen avdelning' }, ...props.departments.map((d) => ({ value: d.code, text: d.name }))]}
            errors={errors}
          />
        ) : (
          ''
        )}

        <h2 class="govuk-heading-m">Handläggning</h2>
        {props.signals.length > 0 ? (
          <div class="govuk-inset-text">
            <p class="govuk-body">Signaler som kopplas till ärendet och registreras som inkomna handlingar med sekretess:</p>
            <ul class="govuk-list govuk-list--bullet">
              {props.signals.map((s) => (
                <li safe>{`${s.id}: ${s.channelLabel}, inkom ${s.receivedOn}`}</li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <TextInput spellcheck={false}
          id="signalIds"
          label="Signaler att koppla till ärendet"
          hint="Signalernas id, åtskilda med kommatecken. Lämna tomt om ärendet inte bygger på någon signal."
          value={form.signalIds}
          width="30"
          errors={errors}
        />
        <Select
          id="responsible"
          label="Ansvarig handläggare"
          value={form.responsible}
          options={[{ value: '', text: 'Ingen ännu' }, ...props.responsibleOptions.map((p) => ({ value: p.subject, text: p.subject === staff.subject ? `${p.name} (jag)` : p.name }))]}
          errors={errors}
        />
        <TextInput spellcheck={false} id="dueOn" label="Tidsfrist" hint="När ärendet ska vara klart, ÅÅÅÅ-MM-DD. Kan lämnas tomt." value={form.dueOn} width="10" errors={errors} inputmode="numeric" />
        <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button">
          Öppna ärendet
        </button>
      </form>
    </StaffLayout>
  );
}
