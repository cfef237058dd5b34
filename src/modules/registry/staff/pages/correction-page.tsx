import Html from '@kitajs/html';
import { StaffLayout, type StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import { CORRECTABLE_FIELDS, type CorrectionForm } from '../correct-unit.ts';
import { ErrorSummary } from '../../../../platform/web/components.tsx';
import { CsrfField, Field, TextField } from './form.tsx';

export interface CorrectionPageProps {
  staff: StaffUser;
  unit: { id: string; name: string };
  form: CorrectionForm;
  municipalities: { code: string; name: string }[];
  errors: FieldError[];
}

const HINTS: Partial<Record<keyof CorrectionForm, string>> = {
  postal_code: 'Fem siffror. Postnumret ska höra till den valda kommunen.',
  size: 'Listade patienter, platser, bäddar eller brukare – det verksamhetsformen räknar. Större än 0.',
  age_min: 'Heltal 0–120. Lämna tomt om verksamheten inte har åldersgränser.',
  age_max: 'Heltal 0–120, inte lägre än lägsta ålder.',
  closed: 'Till exempel 2025-06-30. Lämna tomt om verksamheten pågår.',
  website: 'Till exempel https://www.exempel.se',
};

export function CorrectionPage({ staff, unit, form, municipalities, errors }: CorrectionPageProps) {
  const base = `/staff/units/${encodeURIComponent(unit.id)}`;
  const text = (id: Exclude<keyof typeof CORRECTABLE_FIELDS, 'kommun'>, extra: { width?: string; type?: string; inputmode?: string; autocomplete?: string } = {}) => (
    <TextField id={id} label={CORRECTABLE_FIELDS[id]} hint={HINTS[id]} value={form[id]} errors={errors} {...extra} />
  );
  return (
    <StaffLayout
      title={`${errors.length > 0 ? 'Fel: ' : ''}Rätta uppgifter om ${unit.name}`}
      staff={staff}
      breadcrumbs={[
        { href: '/staff', text: 'Start' },
        { href: base, text: unit.name },
      ]}
    >
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {unit.name}
      </span>
      <h1 class="govuk-heading-l">Rätta uppgifter</h1>
      <p class="govuk-body">
        Ändra det som är fel och skriv varför. Rättelsen sparas med ditt namn, tid och skäl i verksamhetens registerhistorik och i loggen.
      </p>
      <form method="post" action={`${base}/rattelse`} novalidate>
        <CsrfField token={staff.csrfToken} />
        {text('name', { autocomplete: 'organization' })}
        {text('street', { autocomplete: 'street-address' })}
        {text('postal_code', { width: '5', inputmode: 'numeric', autocomplete: 'postal-code' })}
        {text('city', { width: '20', autocomplete: 'address-level2' })}
        <Field
          id="kommun"
          label={CORRECTABLE_FIELDS.kommun}
          errors={errors}
          render={(describedBy, hasError) => (
            <select class={`govuk-select${hasError ? ' govuk-select--error' : ''}`} id="kommun" name="kommun" aria-describedby={describedBy}>
              <option value="">Välj kommun</option>
              {municipalities.map((m) => (
                <option value={m.code} selected={m.code === form.kommun} safe>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        />
        {text('size', { width: '10', inputmode: 'decimal' })}
        {text('capacity', { width: '5', inputmode: 'numeric' })}
        {text('age_min', { width: '3', inputmode: 'numeric' })}
        {text('age_max', { width: '3', inputmode: 'numeric' })}
        {text('phone', { width: '20', type: 'tel', autocomplete: 'tel' })}
        {text('email', { type: 'email', autocomplete: 'email' })}
        {text('website', { type: 'url', autocomplete: 'url' })}
        {text('closed', { width: '10' })}
        <Field
          id="reason"
          label="Skäl till rättelsen"
          hint="Obligatoriskt. Skriv varifrån den rätta uppgiften kommer, till exempel ett samtal med verksamheten eller en handling med diarienummer."
          errors={errors}
          render={(describedBy, hasError) => (
            <textarea class={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`} id="reason" name="reason" rows="4" aria-describedby={describedBy} safe>
              {form.reason}
            </textarea>
          )}
        />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Spara rättelsen
          </button>
          <a class="govuk-link" href={base}>
            Avbryt
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}
