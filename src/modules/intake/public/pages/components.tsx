import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorMessage, ErrorSummary, fieldDescribedBy, formGroupClass, Hint, Select, TextArea } from '../../../../platform/web/components.tsx';
import { Layout } from '../../../../platform/web/layout.tsx';
import type { Kommun } from '../repository.ts';

// GOV.UK Frontend's form components as the public e-services use them (the rest are in platform/web/components.tsx). Every field's id is its name, so the
// error summary links straight to it; a date links to its day input.

/** Where the error summary's link for a field goes, when that is not an element with the field's name. */
const ANCHORS: Record<string, string> = {
  when: 'when-day',
  eventDate: 'eventDate-day',
  formToken: 'submit',
  website: 'submit',
  pow: 'submit',
  unitId: 'unit',
  service: 'rating',
};
const anchorOf = (field: string) => ANCHORS[field] ?? field;

export function PublicPage({ title, errors = [], back, children }: { title: string; errors?: FieldError[]; back?: string; children: Html.Children }): JSX.Element {
  return (
    <Layout title={`${errors.length > 0 ? 'Fel: ' : ''}${title}`}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {back ? <BackLink href={back} /> : ''}
          <ErrorSummary errors={errors} anchorOf={anchorOf} markFields />
          {children}
        </div>
      </div>
    </Layout>
  );
}

export function errorLookup(errors: FieldError[]): (field: string) => FieldError | undefined {
  return (field) => errors.find((e) => e.field === field);
}

export function Textarea(props: { id: string; label: string; hint?: string; error: FieldError | undefined; value: string; rows?: number; maxLength: number; isPageHeading?: boolean }): JSX.Element {
  const limitHint = `Högst ${props.maxLength.toLocaleString('sv-SE')} tecken.`;
  return (
    <TextArea id={props.id} label={props.label} hint={props.hint ? `${props.hint} ${limitHint}` : limitHint} error={props.error} value={props.value} rows={props.rows ?? 8} isPageHeading={props.isPageHeading} />
  );
}

export function KommunSelect(props: { id: string; label: string; hint?: string; error: FieldError | undefined; value: string; kommuner: Kommun[]; emptyLabel: string }): JSX.Element {
  const { kommuner, ...rest } = props;
  return <Select {...rest} options={kommuner.map((k) => ({ value: k.code, text: k.name }))} />;
}

const groupClass = (error: FieldError | undefined) => formGroupClass(!!error);
const describedBy = (id: string, hint: string | undefined, error: FieldError | undefined) => fieldDescribedBy(id, !!hint, !!error);

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  /** Shown under the option (GOV.UK "conditional reveal"); always shown without JavaScript. */
  conditional?: () => JSX.Element;
}

interface ChoicesProps {
  id: string;
  legend: string;
  hint?: string;
  error: FieldError | undefined;
  options: ChoiceOption[];
  legendSize?: 's' | 'm' | 'l';
  isPageHeading?: boolean;
}

function Legend({ legend, size, isPageHeading }: { legend: string; size: 's' | 'm' | 'l'; isPageHeading?: boolean }): JSX.Element {
  return (
    <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>
      {isPageHeading ? (
        <h1 class="govuk-fieldset__heading" safe>
          {legend}
        </h1>
      ) : (
        <span safe>{legend}</span>
      )}
    </legend>
  );
}

export function Radios(props: ChoicesProps & { value: string; inline?: boolean }): JSX.Element {
  const { id, legend, hint, error, options, value } = props;
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <Legend legend={legend} size={props.legendSize ?? 's'} isPageHeading={props.isPageHeading} />
        <Hint id={id} text={hint} />
        <ErrorMessage id={id} error={error} />
        <div class={props.inline ? 'govuk-radios govuk-radios--inline' : 'govuk-radios'} data-module="govuk-radios">
          {options.map((option, index) => {
            // The first option has the field's own id, so the error summary's link lands on it.
            const optionId = index === 0 ? id : `${id}-${index + 1}`;
            const conditionalId = `${optionId}-conditional`;
            return (
              <>
                <div class="govuk-radios__item">
                  <input
                    class="govuk-radios__input"
                    id={optionId}
                    name={id}
                    type="radio"
                    value={option.value}
                    checked={option.value === value}
                    aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
                    data-reveals={option.conditional ? conditionalId : undefined}
                  />
                  <label class="govuk-label govuk-radios__label" for={optionId} safe>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div id={`${optionId}-item-hint`} class="govuk-hint govuk-radios__hint" safe>
                      {option.hint}
                    </div>
                  ) : (
                    ''
                  )}
                </div>
                {option.conditional ? (
                  <div class="govuk-radios__conditional" id={conditionalId}>
                    {option.conditional()}
                  </div>
                ) : (
                  ''
                )}
              </>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkboxes(props: ChoicesProps & { values: string[] }): JSX.Element {
  const { id, legend, hint, error, options, values } = props;
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <Legend legend={legend} size={props.legendSize ?? 's'} isPageHeading={props.isPageHeading} />
        <Hint id={id} text={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={optionId} name={id} type="checkbox" value={option.value} checked={values.includes(option.value)} />
                <label class="govuk-label govuk-checkboxes__label" for={optionId} safe>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function DateInput(props: { id: string; legend: string; hint?: string; error: FieldError | undefined; parts: { day: string; month: string; year: string } }): JSX.Element {
  const { id, legend, hint, error, parts } = props;
  const inputClass = (width: string) => ['govuk-input', 'govuk-date-input__input', width, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  const item = (part: 'day' | 'month' | 'year', label: string, width: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${part}`} safe>
          {label}
        </label>
        <input class={inputClass(width)} id={`${id}-${part}`} name={`${id}-${part}`} type="text" inputmode="numeric" value={parts[part]} autocomplete="off" />
      </div>
    </div>
  );
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <Legend legend={legend} size="s" />
        <Hint id={id} text={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-date-input" id={id}>
          {item('day', 'Dag', 'govuk-input--width-2')}
          {item('month', 'Månad', 'govuk-input--width-2')}
          {item('year', 'År', 'govuk-input--width-4')}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The hidden parts of every public form: the signed form token, the proof-of-work answer the page's script
 * fills in (if it runs), and the honeypot, which the style sheet hides from people and screen readers.
 */
export function GuardFields({ token, powBits }: { token: string; powBits: number }): JSX.Element {
  return (
    <>
      <input type="hidden" name="formToken" value={token} />
      <input type="hidden" name="pow" value="" data-pow-challenge={token} data-pow-bits={String(powBits)} />
      <div class="vaka-hp">
        <label for="website">Lämna det här fältet tomt</label>
        <input type="text" id="website" name="website" value="" autocomplete="off" tabindex="-1" />
      </div>
    </>
  );
}

/** The page's small script: proof of work and showing only the chosen option's extra fields. */
export function FormScript(): JSX.Element {
  return <script src="/assets/vaka/tips-form.js" defer></script>;
}

export function SubmitButton({ text }: { text: string }): JSX.Element {
  return (
    <button type="submit" class="govuk-button" data-module="govuk-button" id="submit" safe>
      {text}
    </button>
  );
}

export function BackLink({ href, text = 'Tillbaka' }: { href: string; text?: string }): JSX.Element {
  return (
    <a href={href} class="govuk-back-link" safe>
      {text}
    </a>
  );
}

/** Where to turn when it cannot wait: the same on every page of a channel. */
export function Emergency({ lines }: { lines: string[] }): JSX.Element {
  return (
    <div class="govuk-inset-text vaka-emergency">
      {lines.map((line) => (
        <p class="govuk-body" safe>
          {line}
        </p>
      ))}
    </div>
  );
}
