import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { riskAreaLabel, SEVERITY_LABELS } from '../labels.ts';

// Form and display pieces shared by the decision pages (staff, provider portal and public), in GOV.UK
// Frontend markup. Everything works without JavaScript.

export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The list of problems at the top of a page, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }): JSX.Element {
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

export function ErrorMessage({ id, errors }: { id: string; errors: FieldError[] }): JSX.Element {
  const error = errors.find((e) => e.field === id);
  if (!error) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Fel:</span> <span safe>{error.message}</span>
    </p>
  );
}

export const hasError = (errors: FieldError[], id: string) => errors.some((e) => e.field === id);
export const groupClass = (errors: FieldError[], id: string) => `govuk-form-group${hasError(errors, id) ? ' govuk-form-group--error' : ''}`;
export const describedBy = (errors: FieldError[], id: string, hint: boolean) =>
  [hint ? `${id}-hint` : '', hasError(errors, id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function Hint({ id, text }: { id: string; text?: string }): JSX.Element {
  if (!text) return <></>;
  return (
    <div id={`${id}-hint`} class="govuk-hint" safe>
      {text}
    </div>
  );
}

export function TextInput(props: { id: string; label: string; value: string; errors: FieldError[]; hint?: string; type?: 'text' | 'date'; width?: string; inputmode?: 'numeric'; bold?: boolean }): JSX.Element {
  const { id, errors } = props;
  return (
    <div class={groupClass(errors, id)}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={id} safe>
        {props.label}
      </label>
      <Hint id={id} text={props.hint} />
      <ErrorMessage id={id} errors={errors} />
      <input
        class={`govuk-input${props.width ? ` ${props.width}` : ''}${hasError(errors, id) ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={props.type ?? 'text'}
        value={props.value}
        inputmode={props.inputmode}
        aria-describedby={describedBy(errors, id, Boolean(props.hint))}
      />
    </div>
  );
}

export function TextArea(props: { id: string; label: string; value: string; errors: FieldError[]; hint?: string; rows?: number; bold?: boolean }): JSX.Element {
  const { id, errors } = props;
  return (
    <div class={groupClass(errors, id)}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={id} safe>
        {props.label}
      </label>
      <Hint id={id} text={props.hint} />
      <ErrorMessage id={id} errors={errors} />
      <textarea
        class={`govuk-textarea${hasError(errors, id) ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={String(props.rows ?? 4)}
        aria-describedby={describedBy(errors, id, Boolean(props.hint))}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function Select(props: { id: string; label: string; value: string; errors: FieldError[]; options: { value: string; label: string }[]; emptyLabel: string; hint?: string; bold?: boolean }): JSX.Element {
  const { id, errors } = props;
  return (
    <div class={groupClass(errors, id)}>
      <label class={`govuk-label${props.bold === false ? '' : ' govuk-label--s'}`} for={id} safe>
        {props.label}
      </label>
      <Hint id={id} text={props.hint} />
      <ErrorMessage id={id} errors={errors} />
      <select class={`govuk-select${hasError(errors, id) ? ' govuk-select--error' : ''}`} id={id} name={id} aria-describedby={describedBy(errors, id, Boolean(props.hint))}>
        <option value="" selected={props.value === ''} safe>
          {props.emptyLabel}
        </option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SummaryRow({ name, children }: { name: string; children: Html.Children }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function SuccessBanner({ text }: { text: string }): JSX.Element {
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

/** Multi-line text as paragraphs. */
export function Paragraphs({ text, className = 'govuk-body' }: { text: string; className?: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p class={`${className}`} safe>
            {p}
          </p>
        ))}
    </>
  );
}

export interface PublicDeficiency {
  seq: number;
  finding: string;
  legal_basis: string;
  risk_area: string;
  severity?: number;
}

/** The deficiencies of a decision as a table: finding, legal basis, risk area (and severity for staff). */
export function DeficiencyTable({ deficiencies, caption, withSeverity = false, id }: { deficiencies: PublicDeficiency[]; caption: string; withSeverity?: boolean; id?: string }): JSX.Element {
  if (deficiencies.length === 0) return <p class="govuk-body">Beslutet anger inga brister.</p>;
  return (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Nr
          </th>
          <th scope="col" class="govuk-table__header">
            Brist
          </th>
          <th scope="col" class="govuk-table__header">
            Lagrum
          </th>
          <th scope="col" class="govuk-table__header">
            Riskområde
          </th>
          {withSeverity ? (
            <th scope="col" class="govuk-table__header">
              Allvarlighet
            </th>
          ) : (
            ''
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {deficiencies.map((d) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header" safe>
              {String(d.seq)}
            </th>
            <td class="govuk-table__cell" safe>
              {d.finding}
            </td>
            <td class="govuk-table__cell" safe>
              {d.legal_basis}
            </td>
            <td class="govuk-table__cell" safe>
              {riskAreaLabel(d.risk_area)}
            </td>
            {withSeverity ? (
              <td class="govuk-table__cell" safe>
                {SEVERITY_LABELS[d.severity ?? 0] ?? String(d.severity ?? '')}
              </td>
            ) : (
              ''
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ASSESSMENT_TAG: Record<string, string> = { pending: 'govuk-tag--grey', accepted: 'govuk-tag--green', insufficient: 'govuk-tag--orange' };
const FOLLOW_UP_TAG: Record<string, string> = { none: 'govuk-tag--grey', awaiting_report: 'govuk-tag--yellow', assessing: 'govuk-tag--blue', closed: 'govuk-tag--green' };

export function Tag({ kind, value, text }: { kind: 'assessment' | 'follow_up'; value: string; text: string }): JSX.Element {
  const table = kind === 'assessment' ? ASSESSMENT_TAG : FOLLOW_UP_TAG;
  return (
    <strong class={`govuk-tag ${table[value] ?? 'govuk-tag--grey'}`} safe>
      {text}
    </strong>
  );
}
