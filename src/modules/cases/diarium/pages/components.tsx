import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';

// Form and display pieces of the diarium pages, in GOV.UK Frontend markup.

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

export function Select(props: { id: string; label: string; hint?: string; value: string; options: Option[]; errors?: FieldError[]; labelClass?: string }) {
  const errors = props.errors ?? [];
  return (
    <div class={groupClass(errors, props.id)}>
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
      <ErrorMessage id={props.id} errors={errors} />
      <select class={`govuk-select${hasError(errors, props.id) ? ' govuk-select--error' : ''}`} id={props.id} name={props.id} aria-describedby={describedBy(errors, props.id, !!props.hint)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextInput(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  errors?: FieldError[];
  width?: string;
  type?: string;
  labelClass?: string;
  inputmode?: string;
  autocomplete?: string;
}) {
  const errors = props.errors ?? [];
  return (
    <div class={groupClass(errors, props.id)}>
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
      <ErrorMessage id={props.id} errors={errors} />
      <input
        class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${hasError(errors, props.id) ? ' govuk-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        inputmode={props.inputmode}
        aria-describedby={describedBy(errors, props.id, !!props.hint)}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck="false"
      />
    </div>
  );
}

export function TextArea(props: { id: string; label: string; hint?: string; value: string; errors?: FieldError[]; rows?: number; labelClass?: string }) {
  const errors = props.errors ?? [];
  return (
    <div class={groupClass(errors, props.id)}>
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
      <ErrorMessage id={props.id} errors={errors} />
      <textarea
        class={`govuk-textarea${hasError(errors, props.id) ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.id}
        rows={String(props.rows ?? 4)}
        aria-describedby={describedBy(errors, props.id, !!props.hint)}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function FileInput(props: { id: string; label: string; hint?: string; errors?: FieldError[]; labelClass?: string }) {
  const errors = props.errors ?? [];
  return (
    <div class={groupClass(errors, props.id)}>
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
      <ErrorMessage id={props.id} errors={errors} />
      <input
        class={`govuk-file-upload${hasError(errors, props.id) ? ' govuk-file-upload--error' : ''}`}
        id={props.id}
        name={props.id}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,.docx,.txt,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
        aria-describedby={describedBy(errors, props.id, !!props.hint)}
      />
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
  errors?: FieldError[];
  small?: boolean;
  inline?: boolean;
  legendClass?: string;
}) {
  const errors = props.errors ?? [];
  const kind = props.type === 'radio' ? 'radios' : 'checkboxes';
  return (
    <div class={groupClass(errors, props.id)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(errors, props.id, !!props.hint)}>
        <legend class={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`} safe>
          {props.legend}
        </legend>
        {props.hint ? (
          <div id={`${props.id}-hint`} class="govuk-hint" safe>
            {props.hint}
          </div>
        ) : (
          ''
        )}
        <ErrorMessage id={props.id} errors={errors} />
        <div class={`govuk-${kind}${props.small ? ` govuk-${kind}--small` : ''}${props.inline ? ` govuk-${kind}--inline` : ''}`} data-module={`govuk-${kind}`}>
          {props.options.map((o, i) => {
            const inputId = i === 0 ? props.id : `${props.id}-${i + 1}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input
                  class={`govuk-${kind}__input`}
                  id={inputId}
                  name={props.id}
                  type={props.type}
                  value={o.value}
                  checked={props.checked.includes(o.value)}
                  aria-describedby={o.hint ? `${inputId}-hint` : undefined}
                />
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

/** Previous and next, and the page numbers known: 1 … 4 5 6 … 12. */
export function Pagination({ page, lastPage, hasNext, hrefFor, label }: { page: number; lastPage: number; hasNext: boolean; hrefFor: (n: number) => string; label: string }) {
  if (page === 1 && !hasNext) return <></>;
  const wanted = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= Math.max(lastPage, page)).sort((a, b) => a - b);
  const numbers = wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? ['gap' as const, n] : [n]));
  return (
    <nav class="govuk-pagination" aria-label={label}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">
              Föregående<span class="govuk-visually-hidden"> sida</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-pagination__list">
        {numbers.map((n) =>
          n === 'gap' ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipsis">…</li>
          ) : (
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`} aria-current={n === page ? 'page' : undefined}>
                <span safe>{String(n)}</span>
              </a>
            </li>
          ),
        )}
      </ul>
      {hasNext ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              Nästa<span class="govuk-visually-hidden"> sida</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}
