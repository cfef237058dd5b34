import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import type { UnitFieldValues } from '../forms.ts';
import type { Kommun, UnitChoice } from '../repository.ts';
import { TextInput } from '../../../../platform/web/components.tsx';
import { errorLookup, KommunSelect } from './components.tsx';

export interface UnitSectionProps {
  heading: string;
  /** The unit picked in the register; when absent, the sender describes it. */
  unit?: UnitChoice;
  values: UnitFieldValues;
  errors: FieldError[];
  kommuner: Kommun[];
  searchHref: string;
  describeHint: string;
  required: boolean;
  /** The complaint also asks for the care provider's name. */
  providerName?: { value: string };
  /** The channel's words for the unit's name field and the way back to the search (adult ones by default). */
  words?: { unitName: string; searchInstead: string };
}

const ADULT_WORDS = { unitName: 'Verksamhetens namn', searchInstead: 'Sök i registret i stället' };

/** The unit a form is about: the one picked, with a way to change it, or fields to describe it. */
export function UnitSection(props: UnitSectionProps): JSX.Element {
  const { unit, values, errors } = props;
  const errorFor = errorLookup(errors);
  const optional = props.required ? '' : ' (om du vet)';
  const words = props.words ?? ADULT_WORDS;
  if (unit) {
    return (
      <div class="govuk-form-group" id="unit" tabindex="-1">
        <h2 class="govuk-heading-m" safe>
          {props.heading}
        </h2>
        <input type="hidden" name="unitId" value={unit.id} />
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Namn</dt>
            <dd class="govuk-summary-list__value" safe>
              {unit.name}
            </dd>
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={props.searchHref}>
                Ändra<span class="govuk-visually-hidden"> verksamhet</span>
              </a>
            </dd>
          </div>
          <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
            <dt class="govuk-summary-list__key">Adress</dt>
            <dd class="govuk-summary-list__value" safe>
              {[unit.address, unit.kommunName].filter(Boolean).join(', ')}
            </dd>
          </div>
          <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
            <dt class="govuk-summary-list__key">Huvudman</dt>
            <dd class="govuk-summary-list__value" safe>
              {unit.providerName}
            </dd>
          </div>
        </dl>
      </div>
    );
  }
  const unitIdError = errorFor('unitId');
  return (
    <div class={unitIdError ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'} id="unit" tabindex="-1">
      <fieldset class="govuk-fieldset" aria-describedby={unitIdError ? 'unit-hint unitId-error' : 'unit-hint'}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading" safe>
            {props.heading}
          </h2>
        </legend>
        <div class="govuk-hint" id="unit-hint" safe>
          {props.describeHint}
        </div>
        {unitIdError ? (
          <p id="unitId-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">Fel:</span> <span safe>{unitIdError.message}</span>
          </p>
        ) : (
          ''
        )}
        <p class="govuk-body">
          <a class="govuk-link" href={props.searchHref}>
            <span safe>{words.searchInstead}</span>
          </a>
        </p>
        {props.providerName ? (
          <TextInput id="providerName" label="Vårdgivarens namn (om du vet)" hint="Till exempel regionen, kommunen eller företaget som driver verksamheten." value={props.providerName.value} error={errorFor('providerName')} />
        ) : (
          ''
        )}
        <TextInput id="unitName" label={`${words.unitName}${optional}`} value={values.unitName} error={errorFor('unitName')} />
        <KommunSelect id="unitKommun" label={`Kommun${optional}`} value={values.unitKommun} error={errorFor('unitKommun')} kommuner={props.kommuner} emptyLabel="Välj kommun" />
        <TextInput id="unitAddress" label="Adress (om du vet)" value={values.unitAddress} error={errorFor('unitAddress')} autocomplete="off" />
      </fieldset>
    </div>
  );
}
