import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { HARM_KINDS } from '../complaint-triage.ts';
import { HARM_MAX, TEXT_MAX, type ComplaintFormValues } from '../forms.ts';
import type { Kommun, UnitChoice } from '../repository.ts';
import { RELATIONS } from '../submit-complaint.ts';
import { TextInput } from '../../../../platform/web/components.tsx';
import { Checkboxes, DateInput, errorLookup, FormScript, GuardFields, PublicPage, Radios, SubmitButton, Textarea } from './components.tsx';
import { FeedbackForm } from './feedback-pages.tsx';
import { UnitSection } from './unit-section.tsx';

// The complaint e-service: who complains, about which patient, where and when, what happened and what it led
// to. One page with a fieldset per topic; the complainant is identified, so the receipt needs no code.

export const COMPLAINT_TITLE = 'Klagomål på vården';

export function ComplaintStartPage(): JSX.Element {
  return (
    <PublicPage title={COMPLAINT_TITLE}>
      <h1 class="govuk-heading-xl">Klaga på vården</h1>
      <p class="govuk-body-l">Här kan du lämna klagomål på hälso- och sjukvård som du eller en närstående har fått.</p>
      <h2 class="govuk-heading-m">Innan du börjar</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>Vänd dig först till vården. De ska svara på ditt klagomål. Du kan också få hjälp av patientnämnden i din region.</li>
        <li>Du behöver ditt personnummer och, om du klagar för någon annan, patientens namn och personnummer.</li>
        <li>Vi utreder allvarliga händelser, till exempel när en patient har dött, fått en bestående skada eller behövt mycket mer vård. Andra klagomål lämnar vi över till vårdgivaren.</li>
        <li>Händelser som ligger mer än två år tillbaka utreder vi bara om det finns särskilda skäl.</li>
        <li>Det tar ungefär 15 minuter.</li>
      </ul>
      <a href="/klagomal/verksamhet" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">
        Börja
        <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </a>
      <p class="govuk-body">
        Vill du vara anonym, eller gäller det inte vård du eller en närstående har fått?{' '}
        <a class="govuk-link" href="/tipsa">
          Tipsa oss i stället
        </a>
        .
      </p>
    </PublicPage>
  );
}

export interface ComplaintFormPageProps {
  values: ComplaintFormValues;
  errors: FieldError[];
  unit?: UnitChoice;
  kommuner: Kommun[];
  token: string;
  powBits: number;
}

export function ComplaintFormPage(props: ComplaintFormPageProps): JSX.Element {
  const { values, errors, unit } = props;
  const errorFor = errorLookup(errors);
  const searchHref = `/klagomal/verksamhet${values.unitKommun ? `?kommun=${encodeURIComponent(values.unitKommun)}` : ''}`;
  return (
    <PublicPage title={COMPLAINT_TITLE} errors={errors} back={searchHref}>
      <h1 class="govuk-heading-l">Lämna klagomål</h1>
      <form method="post" action="/klagomal/skriv" novalidate>
        <fieldset class="govuk-fieldset vaka-section">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 class="govuk-fieldset__heading">Om dig</h2>
          </legend>
          <TextInput id="complainantName" label="Ditt namn" value={values.complainantName} error={errorFor('complainantName')} autocomplete="name" />
          <TextInput
            id="complainantPersonnummer"
            label="Ditt personnummer"
            hint="12 siffror, till exempel 19800113-9297"
            value={values.complainantPersonnummer}
            error={errorFor('complainantPersonnummer')}
            inputmode="numeric"
            widthClass="govuk-input--width-20"
            spellcheck={false}
          />
          <TextInput id="complainantEmail" label="E-postadress" hint="Skriv e-postadress, telefonnummer eller båda, så att vi kan nå dig." type="email" value={values.complainantEmail} error={errorFor('complainantEmail')} autocomplete="email" spellcheck={false} />
          <TextInput id="complainantPhone" label="Telefonnummer" type="tel" value={values.complainantPhone} error={errorFor('complainantPhone')} autocomplete="tel" widthClass="govuk-input--width-20" />
          <Radios
            id="relation"
            legend="Vem är du för patienten?"
            value={values.relation}
            error={errorFor('relation')}
            options={Object.entries(RELATIONS).map(([value, label]) => ({ value, label }))}
          />
        </fieldset>
        <fieldset class="govuk-fieldset vaka-section" aria-describedby="patient-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 class="govuk-fieldset__heading">Om patienten</h2>
          </legend>
          <div class="govuk-hint" id="patient-hint">
            Fyll i om du klagar för någon annan. Hoppa över om du själv är patienten.
          </div>
          <TextInput id="patientName" label="Patientens namn" value={values.patientName} error={errorFor('patientName')} />
          <TextInput
            id="patientPersonnummer"
            label="Patientens personnummer"
            hint="12 siffror"
            value={values.patientPersonnummer}
            error={errorFor('patientPersonnummer')}
            inputmode="numeric"
            widthClass="govuk-input--width-20"
            spellcheck={false}
          />
        </fieldset>
        <UnitSection
          heading="Var fick patienten vården?"
          unit={unit}
          values={values}
          errors={errors}
          kommuner={props.kommuner}
          searchHref={searchHref}
          describeHint="Skriv namnet på mottagningen, avdelningen eller sjukhuset och i vilken kommun det finns."
          required
          providerName={{ value: values.providerName }}
        />
        <fieldset class="govuk-fieldset vaka-section">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 class="govuk-fieldset__heading">Vad hände?</h2>
          </legend>
          <DateInput id="eventDate" legend="När hände det?" hint="Till exempel 27 3 2026. Om det pågick under en tid: skriv när det började." parts={values.eventDate} error={errorFor('eventDate')} />
          <Textarea id="what" label="Beskriv vad som hände" hint="Skriv vad som hände, i vilken ordning, och vad du tycker blev fel." value={values.what} error={errorFor('what')} maxLength={TEXT_MAX} rows={10} />
          <Checkboxes
            id="harmKinds"
            legend="Vad ledde händelsen till för patienten?"
            hint="Välj allt som stämmer."
            values={values.harmKinds}
            error={errorFor('harmKinds')}
            options={Object.entries(HARM_KINDS).map(([value, label]) => ({ value, label }))}
          />
          <Textarea id="harm" label="Beskriv följderna" hint="Till exempel skador, smärta, mer vård eller hur det påverkar livet nu." value={values.harm} error={errorFor('harm')} maxLength={HARM_MAX} rows={5} />
        </fieldset>
        <p class="govuk-body">Vi behandlar dina och patientens personuppgifter för att handlägga klagomålet. Uppgifter om hälsa omfattas av sekretess.</p>
        <GuardFields token={props.token} powBits={props.powBits} />
        <SubmitButton text="Skicka klagomålet" />
      </form>
      <FormScript />
    </PublicPage>
  );
}

export function ComplaintReceiptPage({ signalId, feedbackToken, powBits }: { signalId: string; feedbackToken: string; powBits: number }): JSX.Element {
  return (
    <PublicPage title="Klagomålet är skickat">
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Klagomålet är skickat</h1>
        <div class="govuk-panel__body">
          Ditt referensnummer är
          <br />
          <strong safe>{signalId}</strong>
        </div>
      </div>
      <h2 class="govuk-heading-m">Vad händer nu?</h2>
      <p class="govuk-body">En handläggare läser klagomålet och bedömer om vi ska utreda det. Vi kontaktar dig om vi behöver veta mer.</p>
      <p class="govuk-body">
        Om vi inte utreder klagomålet lämnar vi över det till vårdgivaren, som ska svara dig. Du får ett besked från oss om vad vi har bestämt.
      </p>
      <p class="govuk-body">Ange referensnumret om du kontaktar oss om klagomålet.</p>
      <FeedbackForm service="klagomal" token={feedbackToken} powBits={powBits} />
      <FormScript />
    </PublicPage>
  );
}
