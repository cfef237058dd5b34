import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorMessage } from '../../../../platform/web/components.tsx';

// Form pieces of the staff register pages (GOV.UK Frontend markup); the error summary and message are the
// public pages' own.

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  errors: FieldError[];
  render: (describedBy: string | undefined, hasError: boolean) => JSX.Element;
}

/** A form group with label, hint and error message wired to the control through aria-describedby. */
export function Field({ id, label, hint, errors, render }: FieldProps) {
  const error = errors.find((e) => e.field === id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={id} safe>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint" safe>
          {hint}
        </div>
      ) : (
        ''
      )}
      <ErrorMessage id={id} error={error} />
      {render(describedBy, !!error)}
    </div>
  );
}

export function TextField(props: { id: string; label: string; hint?: string; value: string; errors: FieldError[]; width?: string; type?: string; autocomplete?: string; inputmode?: string }) {
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      errors={props.errors}
      render={(describedBy, hasError) => (
        <input
          class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${hasError ? ' govuk-input--error' : ''}`}
          id={props.id}
          name={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          aria-describedby={describedBy}
          autocomplete={props.autocomplete ?? 'off'}
          inputmode={props.inputmode}
          spellcheck="false"
        />
      )}
    />
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
