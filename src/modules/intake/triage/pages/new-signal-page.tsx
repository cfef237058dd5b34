import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { CALLER_LABELS, CONTACT_KIND_LABELS, URGENCY_LABELS } from '../labels.ts';
import { STAFF_SOURCES, type StaffSignalForm } from '../log-staff-signal.ts';
import { Choices, CsrfField, ErrorSummary, Select, SuccessBanner, TextArea, TextInput } from '../../../../platform/web/components.tsx';
import type { UnitSearchHit } from './link-unit-page.tsx';

export interface NewSignalPageProps {
  staff: StaffUser;
  form: StaffSignalForm;
  errors: FieldError[];
  municipalities: { code: string; name: string }[];
  /** Register hits for what was written in the unit field, after "Sök verksamhet". */
  hits: { total: number; rows: UnitSearchHit[] } | null;
  /** The signal just registered, when it went to a department the person does not triage. */
  registered?: { signalId: string; departmentName: string | null };
}

export const EMPTY_STAFF_SIGNAL_FORM: StaffSignalForm = { source: 'inquiry', contactKind: '', caller: '', topic: '', text: '', unitId: '', unitQuery: '', kommun: '', urgency: '' };

function UnitChoice({ form, hits }: Pick<NewSignalPageProps, 'form' | 'hits'>) {
  if (!hits) return form.unitId ? <input type="hidden" name="unitId" value={form.unitId} /> : <></>;
  if (hits.total === 0) {
    return (
      <p class="govuk-body" safe>
        {`Ingen verksamhet i registret matchar ”${form.unitQuery}”. Uppgiften kan registreras ändå; den kopplas då automatiskt om det går, annars vid triagen.`}
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
        ...hits.rows.map((u) => ({ value: u.id, text: u.name, hint: `${u.kommun_name}, ${u.provider_name}` })),
        { value: '', text: 'Ingen av dessa', hint: 'Registrera med namnet som det står ovan' },
      ]}
      checked={[form.unitId]}
    />
  );
}

/** Logging an information-service contact, or a signal from another authority, in a few seconds. */
export function NewSignalPage({ staff, form, errors, municipalities, hits, registered }: NewSignalPageProps) {
  return (
    <StaffLayout
      title={`${errors.length > 0 ? 'Fel: ' : ''}Registrera en uppgift`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: '/staff/triage', text: 'Triagekö' },
      ]}
    >
      {registered ? (
        <SuccessBanner text={`Uppgiften är registrerad som signal ${registered.signalId} och skickad till ${registered.departmentName ?? 'registraturen (kommunen är okänd)'}.`} />
      ) : (
        ''
      )}
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Registrera en uppgift</h1>
      <p class="govuk-body">
        Ett samtal, e-brev eller brev till upplysningstjänsten, eller en uppgift från en annan myndighet eller från media. Uppgiften blir en
        signal som klassas och hamnar i rätt avdelnings triagekö.
      </p>
      <form method="post" action="/staff/signals/new" novalidate>
        <CsrfField token={staff.csrfToken} />
        <Choices
          id="source"
          type="radio"
          legend="Var kommer uppgiften ifrån?"
          small
          options={Object.entries(STAFF_SOURCES).map(([value, s]) => ({ value, text: s.label, hint: s.hint }))}
          checked={[form.source]}
          errors={errors}
        />
        <Choices
          id="contactKind"
          type="radio"
          legend="Hur kom den in?"
          small
          inline
          options={Object.entries(CONTACT_KIND_LABELS).map(([value, text]) => ({ value, text }))}
          checked={[form.contactKind]}
          errors={errors}
        />
        <Choices
          id="caller"
          type="radio"
          legend="Vem hörde av sig?"
          hint="Bara för upplysningstjänsten."
          small
          inline
          options={Object.entries(CALLER_LABELS).map(([value, text]) => ({ value, text }))}
          checked={[form.caller]}
          errors={errors}
        />
        <TextInput spellcheck={false} id="topic" label="Ämne (valfritt)" hint="Några ord, till exempel ”Brister i läkemedelshanteringen”" value={form.topic} errors={errors} />
        <TextArea id="text" label="Vad handlar det om?" hint="Skriv det viktigaste. Namn och personnummer behövs inte." value={form.text} rows={6} errors={errors} />
        <TextInput spellcheck={false}
          id="unitQuery"
          label="Verksamhet (valfritt)"
          hint="Namnet eller en del av det, eller vårdgivarens organisationsnummer. Sök för att välja ur registret."
          value={form.unitQuery}
          errors={errors}
          width="20"
        />
        <button type="submit" name="action" value="search" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Sök verksamhet
        </button>
        <UnitChoice form={form} hits={hits} />
        <Select
          id="kommun"
          label="Kommun (valfritt)"
          hint="Avgör vilken avdelning uppgiften går till när verksamheten inte är vald."
          value={form.kommun}
          options={[{ value: '', text: 'Välj kommun' }, ...municipalities.map((m) => ({ value: m.code, text: m.name }))]}
          errors={errors}
        />
        <Choices
          id="urgency"
          type="radio"
          legend="Hur brådskande är det?"
          small
          options={[{ value: '', text: 'Låt klassificeraren bedöma' }, ...Object.entries(URGENCY_LABELS).map(([value, text]) => ({ value, text }))]}
          checked={[form.urgency]}
          errors={errors}
        />
        <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button">
          Registrera
        </button>
      </form>
    </StaffLayout>
  );
}
