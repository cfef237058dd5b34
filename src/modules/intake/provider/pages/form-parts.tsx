import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorMessage } from '../../../../platform/web/components.tsx';

// Form controls of the provider pages, in GOV.UK Frontend's markup: label, hint and error message wired to
// the control through aria-describedby; an error on a field marks its group.

function describedBy(id: string, hint: string | undefined, error: FieldError | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  if (!hint) return <></>;
  return (
    <div id={`${id}-hint`} class="govuk-hint" safe>
      {hint}
    </div>
  );
}

interface ControlProps {
  id: string;
  label: string;
  hint?: string;
  errors: FieldError[];
  /** Bold label (a question on its own) or normal (a part of a group). */
  bold?: boolean;
}

export function TextInput(props: ControlProps & { value: string; width?: '5' | '10' | '20' | '30'; inputmode?: string; autocomplete?: string }) {
  const error = props.errors.find((e) => e.field === props.id);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={props.id} safe>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={error} />
      <input
        class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type="text"
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, error)}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        spellcheck="false"
      />
    </div>
  );
}

export function Textarea(props: ControlProps & { value: string; rows?: number }) {
  const error = props.errors.find((e) => e.field === props.id);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={props.id} safe>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={error} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.id}
        rows={String(props.rows ?? 5)}
        aria-describedby={describedBy(props.id, props.hint, error)}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  text: string;
}

export function Select(props: ControlProps & { value: string; options: Option[]; groups?: { label: string; options: Option[] }[]; placeholder?: string }) {
  const error = props.errors.find((e) => e.field === props.id);
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === props.value} safe>
      {o.text}
    </option>
  );
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={props.id} safe>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={error} />
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={props.id} name={props.id} aria-describedby={describedBy(props.id, props.hint, error)}>
        {props.placeholder !== undefined ? (
          <option value="" selected={props.value === ''} safe>
            {props.placeholder}
          </option>
        ) : (
          ''
        )}
        {props.options.map(option)}
        {(props.groups ?? []).map((g) => (
          <optgroup label={g.label}>{g.options.map(option)}</optgroup>
        ))}
      </select>
    </div>
  );
}

/** Radios in a fieldset; the first radio carries the field's id, so the error summary can link to it. */
export function Radios(props: ControlProps & { value: string; options: Option[]; inline?: boolean; small?: boolean }) {
  const error = props.errors.find((e) => e.field === props.id);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.id, props.hint, error)}>
        <legend class={`govuk-fieldset__legend${props.bold === false ? '' : ' govuk-fieldset__legend--s'}`} safe>
          {props.label}
        </legend>
        <Hint id={props.id} hint={props.hint} />
        <ErrorMessage id={props.id} error={error} />
        <div class={`govuk-radios${props.inline ? ' govuk-radios--inline' : ''}${props.small ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
          {props.options.map((o, i) => {
            const id = i === 0 ? props.id : `${props.id}-${i + 1}`;
            return (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={id} name={props.id} type="radio" value={o.value} checked={o.value === props.value} />
                <label class="govuk-label govuk-radios__label" for={id} safe>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function HiddenField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}
