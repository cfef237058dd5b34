import Html from '@kitajs/html';
import type { FieldError } from '../errors.ts';

// GOV.UK Frontend's form and page building blocks, shared by every module's pages. A field's id is its
// name, so the error summary links straight to it.

export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * A problem said at the top of a page, in GOV.UK's error summary: a form's fields (ErrorSummary) or what
 * cannot be tied to one field, such as a colleague's change or a broken audit chain.
 */
export function ProblemSummary({ title = 'Det finns ett problem', children, ...data }: { title?: string; children: Html.Children } & Record<`data-${string}`, string>): JSX.Element {
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" {...data}>
      <div role="alert">
        <h2 class="govuk-error-summary__title" safe>
          {title}
        </h2>
        <div class="govuk-error-summary__body">{children}</div>
      </div>
    </div>
  );
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({ errors, anchorOf = (field) => field, markFields = false }: { errors: FieldError[]; anchorOf?: (field: string) => string; markFields?: boolean }): JSX.Element {
  if (errors.length === 0) return <></>;
  return (
    <ProblemSummary>
      <ul class="govuk-list govuk-error-summary__list">
        {errors.map((error) => (
          <li data-field={markFields ? error.field : undefined}>
            <a href={`#${anchorOf(error.field)}`} safe>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </ProblemSummary>
  );
}

export const fieldError = (errors: FieldError[], id: string): FieldError | undefined => errors.find((e) => e.field === id);
export const hasError = (errors: FieldError[], id: string): boolean => errors.some((e) => e.field === id);
export const formGroupClass = (invalid: boolean): string => `govuk-form-group${invalid ? ' govuk-form-group--error' : ''}`;
export const groupClass = (errors: FieldError[], id: string): string => formGroupClass(hasError(errors, id));
export const fieldDescribedBy = (id: string, hasHint: boolean, invalid: boolean): string | undefined => [hasHint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
export const describedBy = (errors: FieldError[], id: string, hint: boolean): string | undefined => fieldDescribedBy(id, hint, hasError(errors, id));

/** The field's error: given directly, or looked up by the field's id in the form's errors. */
export function ErrorMessage({ id, error, errors = [] }: { id: string; error?: FieldError; errors?: FieldError[] }): JSX.Element {
  const shown = error ?? fieldError(errors, id);
  if (!shown) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Fel:</span> <span safe>{shown.message}</span>
    </p>
  );
}

export function Hint({ id, text }: { id: string; text?: string }): JSX.Element {
  if (!text) return <></>;
  return (
    <div id={`${id}-hint`} class="govuk-hint" safe>
      {text}
    </div>
  );
}

/** `labelClass` is the size modifier ('' for a plain label); `isPageHeading` makes it the page's one question. */
export function Label({ id, label, labelClass = 'govuk-label--s', isPageHeading = false }: { id: string; label: string; labelClass?: string; isPageHeading?: boolean }): JSX.Element {
  if (isPageHeading) {
    return (
      <h1 class="govuk-label-wrapper">
        <label class="govuk-label govuk-label--l" for={id} safe>
          {label}
        </label>
      </h1>
    );
  }
  return (
    <label class={labelClass ? `govuk-label ${labelClass}` : 'govuk-label'} for={id} safe>
      {label}
    </label>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The form's errors; the field shows the one for its id. */
  errors?: FieldError[];
  /** Or the field's own error, when its field name is not its id. */
  error?: FieldError;
  labelClass?: string;
  isPageHeading?: boolean;
}

const errorOf = (props: FieldProps): FieldError | undefined => props.error ?? fieldError(props.errors ?? [], props.id);

export interface Option {
  value: string;
  text: string;
}

export function Select(props: FieldProps & { value: string; options: Option[]; emptyLabel?: string }): JSX.Element {
  const { id, hint } = props;
  const error = errorOf(props);
  return (
    <div class={formGroupClass(!!error)}>
      <Label id={id} label={props.label} labelClass={props.labelClass} />
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} error={error} />
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={id} aria-describedby={fieldDescribedBy(id, !!hint, !!error)}>
        {props.emptyLabel !== undefined ? (
          <option value="" selected={props.value === ''} safe>
            {props.emptyLabel}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    type?: string;
    /** A GOV.UK width as its number: '10' → govuk-input--width-10. */
    width?: string;
    /** Or any width class, such as govuk-!-width-one-half. */
    widthClass?: string;
    inputmode?: string;
    /** 'off' unless given; false leaves the attribute out. */
    autocomplete?: string | false;
    /** false turns the browser's spell check off (codes, names, numbers). */
    spellcheck?: boolean;
  },
): JSX.Element {
  const { id, hint } = props;
  const error = errorOf(props);
  const classes = ['govuk-input', props.width ? `govuk-input--width-${props.width}` : '', props.widthClass, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <div class={formGroupClass(!!error)}>
      <Label id={id} label={props.label} labelClass={props.labelClass} isPageHeading={props.isPageHeading} />
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} error={error} />
      <input
        class={classes}
        id={id}
        name={id}
        type={props.type ?? 'text'}
        value={props.value}
        inputmode={props.inputmode}
        aria-describedby={fieldDescribedBy(id, !!hint, !!error)}
        autocomplete={props.autocomplete === false ? undefined : (props.autocomplete ?? 'off')}
        spellcheck={props.spellcheck === false ? 'false' : undefined}
      />
    </div>
  );
}

/** Text a person wrote that could not be saved, given back read-only to copy. */
export function KeptText({ id, label, text }: { id: string; label: string; text: string }): JSX.Element {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={id} safe>
        {label}
      </label>
      <textarea class="govuk-textarea" id={id} rows={String(Math.min(12, Math.max(3, Math.ceil(text.length / 80))))} readonly safe>
        {text}
      </textarea>
    </div>
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number }): JSX.Element {
  const { id, hint } = props;
  const error = errorOf(props);
  return (
    <div class={formGroupClass(!!error)}>
      <Label id={id} label={props.label} labelClass={props.labelClass} isPageHeading={props.isPageHeading} />
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} error={error} />
      <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={id} name={id} rows={String(props.rows ?? 4)} aria-describedby={fieldDescribedBy(id, !!hint, !!error)} safe>
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
  errors?: FieldError[];
  small?: boolean;
  inline?: boolean;
  legendClass?: string;
}): JSX.Element {
  const errors = props.errors ?? [];
  const kind = props.type === 'radio' ? 'radios' : 'checkboxes';
  return (
    <div class={groupClass(errors, props.id)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(errors, props.id, !!props.hint)}>
        <legend class={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`} safe>
          {props.legend}
        </legend>
        <Hint id={props.id} text={props.hint} />
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

/** A GOV.UK notification banner: green "Klart" for something done, the neutral one for something under way. */
function NotificationBanner({ success, title, text }: { success: boolean; title: string; text: string }): JSX.Element {
  const id = success ? 'klart-titel' : 'information-titel';
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={id}
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={id} safe>
          {title}
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

export function SuccessBanner({ text }: { text: string }): JSX.Element {
  return <NotificationBanner success={true} title="Klart" text={text} />;
}

/** Something under way, not yet done. */
export function InfoBanner({ title, text }: { title: string; text: string }): JSX.Element {
  return <NotificationBanner success={false} title={title} text={text} />;
}

/** A row of a govuk-summary-list: the value as plain text, or as markup in the children. */
export function SummaryRow({ name, value, children }: { name: string; value?: string; children?: Html.Children }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      {value !== undefined ? (
        <dd class="govuk-summary-list__value" safe>
          {value}
        </dd>
      ) : (
        <dd class="govuk-summary-list__value">{children}</dd>
      )}
    </div>
  );
}

/** Free text as paragraphs and line breaks, every piece escaped. */
export function TextBlock({ text, small }: { text: string; small?: boolean }): JSX.Element {
  const paragraphs = text.replace(/\r\n/g, '\n').split(/\n{2,}/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p class={small ? 'govuk-body-s' : 'govuk-body'}>
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

/** Pages around the current one, the first and the last, with gaps between: 1 … 4 5 6 … 12. */
export function pageNumbersToShow(page: number, lastPage: number): (number | 'gap')[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? ['gap' as const, n] : [n]));
}

/** Numbered pages with previous and next; `withArrows` adds GOV.UK's arrow icons to those two links. */
export function Pagination({ page, lastPage, hrefFor, label, withArrows = false }: { page: number; lastPage: number; hrefFor: (page: number) => string; label: string; withArrows?: boolean }): JSX.Element {
  if (lastPage <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label={label}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            {withArrows ? (
              <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
              </svg>
            ) : (
              ''
            )}
            <span class="govuk-pagination__link-title">
              Föregående<span class="govuk-visually-hidden"> sida</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-pagination__list">
        {pageNumbersToShow(page, lastPage).map((n) =>
          n === 'gap' ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipsis">…</li>
          ) : (
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`} aria-current={n === page ? 'page' : undefined}>
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < lastPage ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              Nästa<span class="govuk-visually-hidden"> sida</span>
            </span>
            {withArrows ? (
              <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
              </svg>
            ) : (
              ''
            )}
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}
