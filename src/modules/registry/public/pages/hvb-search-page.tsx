import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { Layout } from '../../../../platform/web/layout.tsx';
import { HOME_TYPES, ORIENTATIONS, HOME_STATUSES } from '../../codes.ts';
import { HVB_PAGE_SIZE, searchQueryString, type ParsedHvbSearchForm } from '../hvb-search-form.ts';
import { HVB_FORMS, type HvbHomeSummary } from '../hvb-snapshot.ts';
import type { County, Municipality } from '../repository.ts';
import { ErrorMessage, ErrorSummary, Pagination } from '../../../../platform/web/components.tsx';
import { agesText, HVB_FORM_LABELS, kindOfHomeText, orientationText, StatusTag } from './components.tsx';

export interface HvbSearchPageProps {
  form: ParsedHvbSearchForm;
  municipalities: Municipality[];
  counties: County[];
  /** Absent when the form has errors: nothing is searched then. */
  result?: { items: HvbHomeSummary[]; total: number };
}

export function HvbSearchPage({ form, municipalities, counties, result }: HvbSearchPageProps): JSX.Element {
  const { values, errors, page } = form;
  const errorFor = (field: string) => errors.find((e) => e.field === field);
  const lastPage = result ? Math.max(1, Math.ceil(result.total / HVB_PAGE_SIZE)) : 1;
  const title = `${errors.length ? 'Fel: ' : ''}HVB-förteckningen${page > 1 ? `, sida ${page} av ${lastPage}` : ''}`;

  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">HVB-förteckningen</h1>
      <p class="govuk-body-l">
        Sök bland hem för vård eller boende (HVB) och stödboenden för barn och unga. Här ser du vilka hem som finns, vilka åldrar de tar emot, vad de
        arbetar med och om de får ta emot placeringar.
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <SearchForm {...{ values, errorFor, municipalities, counties }} />
        </div>
        <div class="govuk-grid-column-two-thirds">
          {result ? (
            <Results items={result.items} total={result.total} page={page} lastPage={lastPage} hrefFor={(n) => `/hvb${searchQueryString(values, n)}`} />
          ) : (
            <p class="govuk-body">Rätta uppgifterna i sökformuläret, så visas de hem som passar.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}

interface SearchFormProps {
  values: ParsedHvbSearchForm['values'];
  errorFor(field: string): FieldError | undefined;
  municipalities: Municipality[];
  counties: County[];
}

function SearchForm({ values, errorFor, municipalities, counties }: SearchFormProps): JSX.Element {
  return (
    <form method="get" action="/hvb" class="vaka-filters" novalidate>
      <h2 class="govuk-heading-m">Sök hem</h2>
      <TextField id="name" label="Namn på hemmet eller huvudmannen" hint="Hela eller en del av namnet" value={values.name} error={errorFor('name')} />
      <SelectField
        id="kommun"
        label="Kommun"
        value={values.kommun}
        error={errorFor('kommun')}
        emptyLabel="Alla kommuner"
        options={renderedOptions(municipalities, (m) => ({ value: m.code, label: m.shortName }))}
      />
      <SelectField
        id="lan"
        label="Län"
        value={values.lan}
        error={errorFor('lan')}
        emptyLabel="Alla län"
        options={renderedOptions(counties, (c) => ({ value: c.code, label: c.name }))}
      />
      <TextField
        id="age"
        label="Barnets eller den unges ålder"
        hint="I år. Visar hem som får ta emot någon i den åldern."
        value={values.age}
        error={errorFor('age')}
        inputmode="numeric"
        widthClass="govuk-input--width-3"
      />
      <CheckboxesField
        id="form"
        legend="Typ av boende"
        values={values.form}
        error={errorFor('form')}
        options={HVB_FORMS.map((f) => ({ value: f, label: HVB_FORM_LABELS[f] }))}
      />
      <SelectField
        id="homeType"
        label="Typ av hem"
        value={values.homeType}
        error={errorFor('homeType')}
        emptyLabel="Alla typer av hem"
        options={HOME_TYPE_OPTIONS}
      />
      <CheckboxesField
        id="orientation"
        legend="Inriktning"
        hint="Visar hem som arbetar med minst en av de inriktningar du väljer."
        values={values.orientation}
        error={errorFor('orientation')}
        options={Object.entries(ORIENTATIONS).map(([value, label]) => ({ value, label }))}
      />
      <CheckboxesField
        id="status"
        legend="Status"
        values={values.status}
        error={errorFor('status')}
        options={Object.entries(HOME_STATUSES).map(([value, { label }]) => ({ value, label }))}
      />
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Sök
        </button>
        <a class="govuk-link" href="/hvb">
          Rensa sökningen
        </a>
      </div>
    </form>
  );
}

const describedBy = (id: string, hint: string | undefined, error: FieldError | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FormGroup({ error, children }: { error: FieldError | undefined; children: Html.Children }): JSX.Element {
  return <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>{children}</div>;
}

function Hint({ id, hint }: { id: string; hint: string | undefined }): JSX.Element {
  if (!hint) return <></>;
  return (
    <div id={`${id}-hint`} class="govuk-hint" safe>
      {hint}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: FieldError | undefined;
  inputmode?: 'numeric';
  widthClass?: string;
}

function TextField({ id, label, hint, value, error, inputmode, widthClass }: TextFieldProps): JSX.Element {
  const classes = ['govuk-input', widthClass, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <FormGroup error={error}>
      <label class="govuk-label govuk-label--s" for={id} safe>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <input
        class={classes}
        id={id}
        name={id}
        type="text"
        value={value}
        inputmode={inputmode}
        spellcheck="false"
        aria-describedby={describedBy(id, hint, error)}
      />
    </FormGroup>
  );
}

/** An <option> rendered both ways, so that a page only picks which one is selected. */
/** Options rendered (and escaped, `safe`) once; the `safe` prefix tells the XSS scan they are HTML already. */
interface RenderedOption {
  value: string;
  safeHtml: string;
  safeSelectedHtml: string;
}

// (These elements have no async parts, so they render to strings.)
const renderOptions = (options: { value: string; label: string }[]): RenderedOption[] =>
  options.map(({ value, label }) => ({
    value,
    safeHtml: (
      <option value={value} safe>
        {label}
      </option>
    ) as string,
    safeSelectedHtml: (
      <option value={value} selected safe>
        {label}
      </option>
    ) as string,
  }));

// The kommun list has 290 options: rendering them on every search was a good part of the page's cost.
// The lists of places are read once per app, so their options are rendered once per list.
const renderedOptionsOf = new WeakMap<readonly object[], RenderedOption[]>();

function renderedOptions<T extends object>(list: readonly T[], option: (item: T) => { value: string; label: string }): RenderedOption[] {
  let rendered = renderedOptionsOf.get(list);
  if (!rendered) renderedOptionsOf.set(list, (rendered = renderOptions(list.map(option))));
  return rendered;
}

const HOME_TYPE_OPTIONS = renderOptions(Object.entries(HOME_TYPES).map(([value, label]) => ({ value, label })));

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  error: FieldError | undefined;
  emptyLabel: string;
  options: RenderedOption[];
}

function SelectField({ id, label, value, error, emptyLabel, options }: SelectFieldProps): JSX.Element {
  const safeOptions = options.map((option) => (option.value === value ? option.safeSelectedHtml : option.safeHtml)).join('');
  return (
    <FormGroup error={error}>
      <label class="govuk-label govuk-label--s" for={id} safe>
        {label}
      </label>
      <ErrorMessage id={id} error={error} />
      <select class={error ? 'govuk-select govuk-select--error' : 'govuk-select'} id={id} name={id} aria-describedby={describedBy(id, undefined, error)}>
        <option value="" selected={value === ''} safe>
          {emptyLabel}
        </option>
        {safeOptions}
      </select>
    </FormGroup>
  );
}

interface CheckboxesFieldProps {
  id: string;
  legend: string;
  hint?: string;
  values: string[];
  error: FieldError | undefined;
  options: { value: string; label: string }[];
}

function CheckboxesField({ id, legend, hint, values, error, options }: CheckboxesFieldProps): JSX.Element {
  return (
    <FormGroup error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {legend}
        </legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.map((option, index) => {
            // The first box has the field's own id, so the error summary's link lands on it.
            const boxId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={boxId} name={id} type="checkbox" value={option.value} checked={values.includes(option.value)} />
                <label class="govuk-label govuk-checkboxes__label" for={boxId} safe>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

interface ResultsProps {
  items: HvbHomeSummary[];
  total: number;
  page: number;
  lastPage: number;
  hrefFor(page: number): string;
}

function Results({ items, total, page, lastPage, hrefFor }: ResultsProps): JSX.Element {
  const first = (page - 1) * HVB_PAGE_SIZE + 1;
  const last = first + items.length - 1;
  return (
    <section aria-labelledby="resultat-rubrik">
      <h2 class="govuk-heading-m" id="resultat-rubrik" safe>
        {total === 1 ? '1 hem hittades' : `${total} hem hittades`}
      </h2>
      {total === 0 ? (
        <p class="govuk-body">Inga hem passar sökningen. Prova att ta bort några av villkoren.</p>
      ) : items.length === 0 ? (
        <p class="govuk-body">
          Det finns inga fler träffar på den här sidan.{' '}
          <a class="govuk-link" href={hrefFor(1)}>
            Gå till första sidan
          </a>
        </p>
      ) : (
        <p class="govuk-body" safe>
          {`Visar ${first}–${last} av ${total}, sorterade efter namn.`}
        </p>
      )}
      {items.length > 0 ? (
        <ol class="govuk-list vaka-results" id="resultat">
          {items.map((home) => (
            <ResultItem home={home} />
          ))}
        </ol>
      ) : (
        ''
      )}
      <Pagination page={page} lastPage={lastPage} hrefFor={hrefFor} label="Sidor med sökresultat" withArrows />
    </section>
  );
}

function ResultItem({ home }: { home: HvbHomeSummary }): JSX.Element {
  return (
    <li class="vaka-result">
      <h3 class="govuk-heading-s vaka-result__title">
        <a class="govuk-link" href={`/hvb/${encodeURIComponent(home.id)}`} safe>
          {home.name}
        </a>
      </h3>
      <StatusTag status={home.status} />
      <dl class="govuk-summary-list govuk-summary-list--no-border vaka-result__facts">
        <Fact term="Typ" description={kindOfHomeText(home.form, home.home_type)} />
        <Fact term="Plats" description={`${home.kommun_name}, ${home.lan_name}`} />
        <Fact term="Ålder" description={agesText(home.age_min, home.age_max)} />
        <Fact term="Inriktning" description={orientationText(home.orientation)} />
      </dl>
    </li>
  );
}

function Fact({ term, description }: { term: string; description: string }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {term}
      </dt>
      <dd class="govuk-summary-list__value" safe>
        {description}
      </dd>
    </div>
  );
}
