import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import type { FeedbackService } from '../channels.ts';
import type { FeedbackValues } from '../forms.ts';
import { FEEDBACK_COMMENT_MAX } from '../service-feedback.ts';
import { errorLookup, GuardFields, PublicPage, Radios, SubmitButton, Textarea } from './components.tsx';

const RATINGS = [
  { value: '5', label: 'Mycket nöjd' },
  { value: '4', label: 'Nöjd' },
  { value: '3', label: 'Varken nöjd eller missnöjd' },
  { value: '2', label: 'Missnöjd' },
  { value: '1', label: 'Mycket missnöjd' },
];

export interface FeedbackFormProps {
  service: FeedbackService | '';
  values?: FeedbackValues;
  errors?: FieldError[];
  token: string;
  powBits: number;
  /** On the receipt page the form is one section; on its own page it has the page's heading. */
  isPageHeading?: boolean;
}

/** Feedback on the e-service itself, after sending: not linked to what was sent. */
export function FeedbackForm({ service, values, errors = [], token, powBits, isPageHeading }: FeedbackFormProps): JSX.Element {
  const errorFor = errorLookup(errors);
  return (
    <form method="post" action="/synpunkter" novalidate class="vaka-feedback">
      {isPageHeading ? '' : <h2 class="govuk-heading-m">Vad tyckte du om tjänsten?</h2>}
      <input type="hidden" name="service" value={service} />
      <Radios
        id="rating"
        legend={isPageHeading ? 'Vad tyckte du om tjänsten?' : 'Hur nöjd är du med tjänsten?'}
        legendSize={isPageHeading ? 'l' : 's'}
        isPageHeading={isPageHeading}
        value={values?.rating ?? ''}
        error={errorFor('rating') ?? errorFor('service')}
        options={RATINGS}
      />
      <Textarea
        id="comment"
        label="Vad kan vi göra bättre? (om du vill)"
        hint="Dina synpunkter sparas för sig, inte tillsammans med det du skickade. Skriv inte ditt namn eller vad det gällde."
        value={values?.comment ?? ''}
        error={errorFor('comment')}
        rows={4}
        maxLength={FEEDBACK_COMMENT_MAX}
      />
      <GuardFields token={token} powBits={powBits} />
      <SubmitButton text="Skicka synpunkter" />
    </form>
  );
}

export function FeedbackPage(props: FeedbackFormProps & { errors: FieldError[] }): JSX.Element {
  return (
    <PublicPage title="Vad tyckte du om tjänsten?" errors={props.errors}>
      <FeedbackForm {...props} isPageHeading />
    </PublicPage>
  );
}

export function FeedbackThanksPage(): JSX.Element {
  return (
    <PublicPage title="Tack för dina synpunkter">
      <h1 class="govuk-heading-l">Tack för dina synpunkter</h1>
      <p class="govuk-body">Vi använder dem för att göra tjänsten bättre.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Till startsidan
        </a>
      </p>
    </PublicPage>
  );
}
