import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';

// Form and display pieces of the investigation's pages, in GOV.UK Frontend markup. A field's id is its
// name, so the error summary links straight to it.

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The list of problems at the top of a page, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return <></>;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">Det finns ett problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li>
                <a href={`#${error.field}`} safe>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, errors }: { id: string; errors: FieldError[] }) {
  const error = errors.find((e) => e.field === id);
  if (!error) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Fel:</span> <span safe>{error.message}</span>
    </p>
  );
}

export const hasError = (errors: FieldError[], id: string) => errors.some((e) => e.field === id);
const groupClass = (errors: FieldError[], id: string) => `govuk-form-group${hasError(errors, id) ? ' govuk-form-group--error' : ''}`;
const describedBy = (errors: FieldError[], id: string, hint: boolean) => [hint ? `${id}-hint` : '', hasError(errors, id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function SuccessBanner({ text }: { text: string }) {
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="klart-titel" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="klart-titel">
          Klart
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading" safe>
          {text}
        </p>
      </div>
    </div>
  );
}

export function SummaryRow({ name, children }: { name: string; children: Html.Children }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Free text as paragraphs and line breaks, every piece escaped. */
export function TextBlock({ text }: { text: string }) {
  const paragraphs = text.replace(/\r\n/g, '\n').split(/\n{2,}/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p class="govuk-body">
          {paragraph.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </>
  );
}

export interface Option {
  value: string;
  text: string;
}

function Label(props: { id: string; label: string; hint?: string; labelClass?: string }) {
  return (
    <>
      <label class={`govuk-label ${props.labelClass ?? 'govuk-label--s'}`} for={props.id} safe>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.id}-hint`} class="govuk-hint" safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

export function Select(props: { id: string; label: string; hint?: string; value: string; options: Option[]; errors: FieldError[] }) {
  return (
    <div class={groupClass(props.errors, props.id)}>
      <Label id={props.id} label={props.label} hint={props.hint} />
      <ErrorMessage id={props.id} errors={props.errors} />
      <select class={`govuk-select${hasError(props.errors, props.id) ? ' govuk-select--error' : ''}`} id={props.id} name={props.id} aria-describedby={describedBy(props.errors, props.id, !!props.hint)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextInput(props: { id: string; label: string; hint?: string; value: string; errors: FieldError[]; width?: string; labelClass?: string }) {
  return (
    <div class={groupClass(props.errors, props.id)}>
      <Label id={props.id} label={props.label} hint={props.hint} labelClass={props.labelClass} />
      <ErrorMessage id={props.id} errors={props.errors} />
      <input
        class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${hasError(props.errors, props.id) ? ' govuk-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type="text"
        value={props.value}
        aria-describedby={describedBy(props.errors, props.id, !!props.hint)}
        autocomplete="off"
      />
    </div>
  );
}

export function TextArea(props: { id: string; label: string; hint?: string; value: string; errors: FieldError[]; rows?: number; labelClass?: string }) {
  return (
    <div class={groupClass(props.errors, props.id)}>
      <Label id={props.id} label={props.label} hint={props.hint} labelClass={props.labelClass} />
      <ErrorMessage id={props.id} errors={props.errors} />
      <textarea
        class={`govuk-textarea${hasError(props.errors, props.id) ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.id}
        rows={String(props.rows ?? 5)}
        aria-describedby={describedBy(props.errors, props.id, !!props.hint)}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** Radios or checkboxes in a fieldset; the first input carries the field's id so the error summary can link to it. */
export function Choices(props: {
  id: string;
  type: 'radio' | 'checkbox';
  legend: string;
  hint?: string;
  options: (Option & { hint?: string })[];
  checked: string[];
  errors: FieldError[];
  small?: boolean;
  inline?: boolean;
}) {
  const kind = props.type === 'radio' ? 'radios' : 'checkboxes';
  return (
    <div class={groupClass(props.errors, props.id)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.errors, props.id, !!props.hint)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {props.legend}
        </legend>
        {props.hint ? (
          <div id={`${props.id}-hint`} class="govuk-hint" safe>
            {props.hint}
          </div>
        ) : (
          ''
        )}
        <ErrorMessage id={props.id} errors={props.errors} />
        <div class={`govuk-${kind}${props.small ? ` govuk-${kind}--small` : ''}${props.inline ? ` govuk-${kind}--inline` : ''}`} data-module={`govuk-${kind}`}>
          {props.options.map((o, i) => {
            const inputId = i === 0 ? props.id : `${props.id}-${i + 1}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input class={`govuk-${kind}__input`} id={inputId} name={props.id} type={props.type} value={o.value} checked={props.checked.includes(o.value)} aria-describedby={o.hint ? `${inputId}-hint` : undefined} />
                <label class={`govuk-label govuk-${kind}__label`} for={inputId} safe>
                  {o.text}
                </label>
                {o.hint ? (
                  <div id={`${inputId}-hint`} class={`govuk-hint govuk-${kind}__hint`} safe>
                    {o.hint}
                  </div>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Tag({ text, modifier }: { text: string; modifier?: string }) {
  return (
    <strong class={`govuk-tag${modifier ? ` ${modifier}` : ''}`} safe>
      {text}
    </strong>
  );
}

/** 2026-11-23T10:15:00Z → "2026-11-23 11:15" in Swedish time. */
export function timeText(date: Date | string): string {
  return new Date(date).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
}

/** 1 234 567 bytes → "1,2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
