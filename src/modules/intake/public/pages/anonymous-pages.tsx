import Html from '@kitajs/html';
import { formatSwedishLongDate } from '../../../../platform/dates.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { AnonymousChannel } from '../channels.ts';
import type { ReceiptThread } from '../follow-up.ts';
import { ANSWER_MAX, MAX_FILES, TEXT_MAX, type TipFormValues } from '../forms.ts';
import { groupReceiptCode } from '../receipt-code.ts';
import type { Kommun, UnitChoice } from '../repository.ts';
import { TextInput } from '../../../../platform/web/components.tsx';
import { DateInput, Emergency, errorLookup, FormScript, GuardFields, PublicPage, Radios, SubmitButton, Textarea } from './components.tsx';
import { FeedbackForm } from './feedback-pages.tsx';
import { UnitSection } from './unit-section.tsx';

// The pages of the anonymous channels (Tipsa and the children's channel): start, the form, the receipt with
// its code, and the follow-up where the sender reads questions and answers.

export function StartPage({ channel }: { channel: AnonymousChannel }): JSX.Element {
  const { texts, base } = channel;
  return (
    <PublicPage title={texts.serviceName}>
      <h1 class="govuk-heading-xl" safe>
        {texts.startHeading}
      </h1>
      <p class="govuk-body-l" safe>
        {texts.startLead}
      </p>
      <ul class="govuk-list govuk-list--bullet">
        {texts.startPoints.map((point) => (
          <li safe>{point}</li>
        ))}
      </ul>
      <Emergency lines={channel.emergency} />
      <a href={`${base}/verksamhet`} role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">
        <span safe>{texts.startButton}</span>
        <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </a>
      <h2 class="govuk-heading-m">Har du redan skickat något?</h2>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/uppfoljning`}>
          Läs frågor från oss och svara med din kod
        </a>
      </p>
      {channel.service === 'tipsa' ? (
        <>
          <h2 class="govuk-heading-m">Andra sätt att kontakta oss</h2>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href="/klagomal">
                Klaga på vård som du eller en närstående har fått
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/ung">
                Är du under 21 år? Berätta för oss här
              </a>
            </li>
          </ul>
        </>
      ) : (
        ''
      )}
    </PublicPage>
  );
}

export interface TipFormPageProps {
  channel: AnonymousChannel;
  values: TipFormValues;
  errors: FieldError[];
  unit?: UnitChoice;
  kommuner: Kommun[];
  token: string;
  powBits: number;
  /** Files were sent with a form that had errors: they must be chosen again. */
  filesLost: boolean;
}

export function TipFormPage(props: TipFormPageProps): JSX.Element {
  const { channel, values, errors, unit } = props;
  const { texts, base } = channel;
  const errorFor = errorLookup(errors);
  const searchHref = `${base}/verksamhet${values.unitKommun ? `?kommun=${encodeURIComponent(values.unitKommun)}` : ''}`;
  const contactFields = () => (
    <>
      <TextInput id="contactName" label="Namn (om du vill)" value={values.contactName} error={errorFor('contactName')} autocomplete="name" />
      <TextInput id="contactEmail" label="E-postadress" type="email" value={values.contactEmail} error={errorFor('contactEmail')} autocomplete="email" spellcheck={false} />
      <TextInput id="contactPhone" label="Telefonnummer" type="tel" value={values.contactPhone} error={errorFor('contactPhone')} autocomplete="tel" widthClass="govuk-input--width-20" />
    </>
  );
  return (
    <PublicPage title={texts.formHeading} errors={errors} back={searchHref}>
      <h1 class="govuk-heading-l" safe>
        {texts.formHeading}
      </h1>
      <Emergency lines={channel.emergency} />
      <form method="post" action={`${base}/skriv`} enctype="multipart/form-data" novalidate>
        <UnitSection
          heading={texts.unitHeading}
          unit={unit}
          values={values}
          errors={errors}
          kommuner={props.kommuner}
          searchHref={searchHref}
          describeHint={texts.describeHint}
          required={channel.unitRequired}
          words={texts.unitWords}
        />
        <Textarea id="what" label={texts.whatLabel} hint={texts.whatHint} value={values.what} error={errorFor('what')} maxLength={TEXT_MAX} rows={10} />
        <DateInput id="when" legend={texts.whenLabel} hint={texts.whenHint} parts={values.when} error={errorFor('when')} />
        <Radios
          id="contact"
          legend={texts.contactLegend}
          hint={texts.contactHint}
          value={values.contact}
          error={errorFor('contact')}
          options={[
            { value: 'no', label: 'Nej, jag vill vara anonym' },
            { value: 'yes', label: 'Ja, jag vill lämna kontaktuppgifter', hint: 'Fyll då i hur vi kan nå dig.', conditional: contactFields },
          ]}
        />
        <div class={errorFor('attachments') ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
          <label class="govuk-label govuk-label--s" for="attachments" safe>
            {texts.attachmentsLabel}
          </label>
          <div id="attachments-hint" class="govuk-hint" safe>
            {texts.attachmentsHint}
          </div>
          {errorFor('attachments') ? (
            <p id="attachments-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Fel:</span> <span safe>{errorFor('attachments')!.message}</span>
            </p>
          ) : (
            ''
          )}
          {props.filesLost ? (
            <p class="govuk-body vaka-files-lost" id="attachments-again">
              Du behöver välja filerna igen.
            </p>
          ) : (
            ''
          )}
          <input
            class={errorFor('attachments') ? 'govuk-file-upload govuk-file-upload--error' : 'govuk-file-upload'}
            id="attachments"
            name="attachments"
            type="file"
            multiple
            accept="image/jpeg,image/png,application/pdf"
            aria-describedby={['attachments-hint', errorFor('attachments') ? 'attachments-error' : '', props.filesLost ? 'attachments-again' : ''].filter(Boolean).join(' ')}
            data-max-files={String(MAX_FILES)}
          />
        </div>
        <GuardFields token={props.token} powBits={props.powBits} />
        <SubmitButton text={texts.submitButton} />
      </form>
      <FormScript />
    </PublicPage>
  );
}

export function ReceiptPage({ channel, code, identified, feedbackToken, powBits }: { channel: AnonymousChannel; code: string; identified: boolean; feedbackToken: string; powBits: number }): JSX.Element {
  const { base } = channel;
  // Someone who gave contact details is not told that we do not know who they are.
  const texts = identified ? { ...channel.texts, ...channel.texts.identified } : channel.texts;
  return (
    <PublicPage title={texts.receiptHeading}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title" safe>
          {texts.receiptHeading}
        </h1>
        <div class="govuk-panel__body">
          <span safe>{texts.receiptLead}</span>
          <br />
          Din kod är
          <br />
          <strong class="vaka-receipt-code" id="receipt-code">
            {groupReceiptCode(code)
              .split('-')
              .map((group, index) => (
                <>
                  {index > 0 ? '-' : ''}
                  <span class="vaka-receipt-code__group" safe>
                    {group}
                  </span>
                </>
              ))}
          </strong>
        </div>
      </div>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Viktigt: </span>
          <span safe>{texts.receiptSaveCode}</span>
        </strong>
      </div>
      <h2 class="govuk-heading-m" safe>
        {texts.nextHeading}
      </h2>
      {texts.nextText.map((line) => (
        <p class="govuk-body" safe>
          {line}
        </p>
      ))}
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/uppfoljning`}>
          Gå till sidan där du följer upp med din kod
        </a>
      </p>
      <Emergency lines={channel.emergency} />
      <FeedbackForm service={channel.service} token={feedbackToken} powBits={powBits} />
      <FormScript />
    </PublicPage>
  );
}

export function FollowUpPage({ channel, code, errors }: { channel: AnonymousChannel; code: string; errors: FieldError[] }): JSX.Element {
  const { texts, base } = channel;
  return (
    <PublicPage title={texts.followUpHeading} errors={errors} back={base}>
      <form method="post" action={`${base}/uppfoljning`} novalidate>
        <TextInput
          id="code"
          label={texts.followUpHeading}
          hint={`${texts.followUpLead} Koden har 20 tecken, till exempel ABCD-EFGH-JKMN-PQRS-TV12.`}
          value={code}
          error={errorLookup(errors)('code')}
          isPageHeading
          spellcheck={false}
          widthClass="govuk-input--width-20"
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Visa meddelanden
        </button>
      </form>
      <Emergency lines={channel.emergency} />
    </PublicPage>
  );
}

const dateTimeText = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);

export interface ThreadPageProps {
  channel: AnonymousChannel;
  thread: ReceiptThread;
  code: string;
  message: string;
  errors: FieldError[];
  sent: boolean;
  token: string;
  powBits: number;
}

export function ThreadPage(props: ThreadPageProps): JSX.Element {
  const { channel, thread, errors } = props;
  const { texts, base } = channel;
  return (
    <PublicPage title={texts.followUpHeading} errors={errors}>
      {props.sent ? (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="banner-title" data-module="govuk-notification-banner">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="banner-title">
              Klart
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">Ditt meddelande har skickats.</p>
          </div>
        </div>
      ) : (
        ''
      )}
      <h1 class="govuk-heading-l" safe>
        {texts.followUpHeading}
      </h1>
      <p class="govuk-body" safe>
        {`Du skickade det här den ${formatSwedishLongDate(thread.receivedAt)}.`}
      </p>
      <h2 class="govuk-heading-m">Meddelanden</h2>
      {thread.messages.length === 0 ? (
        <p class="govuk-body" safe>
          {texts.messagesEmpty}
        </p>
      ) : (
        <ol class="govuk-list vaka-thread">
          {thread.messages.map((message) => (
            <li class={`vaka-message vaka-message--${message.direction === 'to_sender' ? 'question' : 'answer'}`}>
              <h3 class="govuk-heading-s vaka-message__from" safe>
                {`${message.direction === 'to_sender' ? 'Från oss' : 'Från dig'}, ${dateTimeText(message.createdAt)}`}
              </h3>
              <p class="govuk-body vaka-message__body" safe>
                {message.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`${base}/uppfoljning/svar`} novalidate>
        <input type="hidden" name="code" value={props.code} />
        <Textarea id="message" label={texts.answerLabel} hint={texts.answerHint} value={props.message} error={errorLookup(errors)('message')} maxLength={ANSWER_MAX} rows={6} />
        <GuardFields token={props.token} powBits={props.powBits} />
        <SubmitButton text="Skicka" />
      </form>
      <p class="govuk-body">Om du delar dator eller mobil med andra: stäng webbläsaren när du är klar, så att ingen annan ser det här.</p>
      <Emergency lines={channel.emergency} />
      <FormScript />
    </PublicPage>
  );
}
