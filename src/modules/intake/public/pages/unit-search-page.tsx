import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import type { Kommun, UnitChoice } from '../repository.ts';
import { TextInput } from '../../../../platform/web/components.tsx';
import { Emergency, errorLookup, KommunSelect, PublicPage } from './components.tsx';

// The first question of every public e-service: which unit is it about? A GET search in the register (so it
// works without JavaScript and the back button behaves), the matches to pick from, and a way out for those who
// cannot find it.

export interface UnitSearchValues {
  namn: string;
  kommun: string;
}

export interface UnitSearchPageProps {
  base: string;
  heading: string;
  hint: string;
  notFoundLink: string;
  /** A way on without naming any unit (the children's channel). */
  skipLink?: string;
  emergency?: string[];
  values: UnitSearchValues;
  errors: FieldError[];
  kommuner: Kommun[];
  result?: { items: UnitChoice[]; hasMore: boolean };
}

export function describeUnitHref(base: string, values: UnitSearchValues): string {
  const query = new URLSearchParams();
  if (values.namn) query.set('namn', values.namn);
  if (values.kommun) query.set('kommun', values.kommun);
  const text = query.toString();
  return `${base}/skriv${text ? `?${text}` : ''}`;
}

export function UnitSearchPage(props: UnitSearchPageProps): JSX.Element {
  const { base, values, errors, result } = props;
  const errorFor = errorLookup(errors);
  return (
    <PublicPage title={props.heading} errors={errors} back={base}>
      <form method="get" action={`${base}/verksamhet`} novalidate>
        <TextInput id="namn" label={props.heading} hint={props.hint} value={values.namn} error={errorFor('namn')} isPageHeading spellcheck={false} />
        <KommunSelect id="kommun" label="Kommun (om du vet)" value={values.kommun} error={errorFor('kommun')} kommuner={props.kommuner} emptyLabel="Alla kommuner" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Sök
        </button>
      </form>
      {result ? <Results base={base} items={result.items} hasMore={result.hasMore} /> : ''}
      <p class="govuk-body">
        <a class="govuk-link" href={describeUnitHref(base, values)} safe>
          {props.notFoundLink}
        </a>
      </p>
      {props.skipLink ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/skriv`} safe>
            {props.skipLink}
          </a>
        </p>
      ) : (
        ''
      )}
      {props.emergency ? <Emergency lines={props.emergency} /> : ''}
    </PublicPage>
  );
}

function Results({ base, items, hasMore }: { base: string; items: UnitChoice[]; hasMore: boolean }): JSX.Element {
  return (
    <section aria-labelledby="traffar">
      <h2 class="govuk-heading-m" id="traffar" safe>
        {items.length === 0 ? 'Inga träffar' : hasMore ? `Fler än ${items.length} träffar` : items.length === 1 ? '1 träff' : `${items.length} träffar`}
      </h2>
      {items.length === 0 ? (
        <p class="govuk-body">Prova med en annan del av namnet, eller ta bort kommunen.</p>
      ) : hasMore ? (
        <p class="govuk-body" safe>{`Visar de ${items.length} första i bokstavsordning. Skriv mer av namnet eller välj kommun för att se färre.`}</p>
      ) : (
        <p class="govuk-body">Välj verksamheten genom att klicka på namnet.</p>
      )}
      {items.length > 0 ? (
        <ul class="govuk-list vaka-results">
          {items.map((unit) => (
            <li class="vaka-result">
              <h3 class="govuk-heading-s vaka-result__title">
                <a class="govuk-link" href={`${base}/skriv?enhet=${encodeURIComponent(unit.id)}`} safe>
                  {unit.name}
                </a>
              </h3>
              <p class="govuk-body-s vaka-result__facts" safe>
                {[unit.formLabel, unit.address, unit.kommunName, unit.providerName].filter(Boolean).join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </section>
  );
}
