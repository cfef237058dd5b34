import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorSummary } from '../../../../platform/web/components.tsx';
import type { Organisation } from '../repository.ts';
import type { Representative } from '../representative.ts';
import { DELAY_REASONS, KINDS_OF_HELP, LAWS } from '../unexecuted-decisions/decision-codes.ts';
import { CSV_COLUMNS, CSV_MAX_BYTES } from '../unexecuted-decisions/parse-decisions-csv.ts';
import { quarterEnd, UNEXECUTED_DECISION_LIMIT_MONTHS } from '../unexecuted-decisions/three-month-rule.ts';
import type { DecisionField, DecisionInput } from '../unexecuted-decisions/validate-decision.ts';
import { CsrfField, HiddenField, Radios, Select, TextInput } from './form-parts.tsx';
import { ProviderLayout } from './provider-layout.tsx';
import { formatLongDate } from '../../../../platform/dates.ts';

/** The single-decision form's field ids. */
export const DECISION_FIELD_IDS: Record<DecisionField | 'quarter', string> = {
  quarter: 'beslut-kvartal',
  decisionDate: 'beslutsdatum',
  law: 'lag',
  kindOfHelp: 'insats',
  reason: 'orsak',
  interruptedOn: 'avbrott',
  executedOn: 'verkstallt',
};
export const UPLOAD_FIELD_IDS = { quarter: 'fil-kvartal', file: 'fil' } as const;
/** The box a sender ticks to send decisions that match earlier reports of the quarter, per form. */
export const CONFIRM_FIELD_IDS = { upload: 'fil-bekrafta', decision: 'beslut-bekrafta' } as const;

export interface DecisionsPageProps {
  representative: Representative;
  kommun: Organisation;
  quarters: string[];
  decision: DecisionInput & { quarter: string };
  decisionErrors: FieldError[];
  uploadQuarter: string;
  /** The file's problems, each naming line and column; all of them link to the file field. */
  uploadErrors: FieldError[];
  /** How many problems there were in all (more than are listed, for a very bad file). */
  uploadErrorCount: number;
  /** Some decisions sent with this form are already in a report of the quarter: nothing was stored. */
  alreadyReported?: { form: 'upload' | 'decision'; error: FieldError };
}

/** Shown after a send matched earlier reports: the sender confirms that these are other decisions. */
function ConfirmNotDuplicates({ id, error }: { id: string; error: FieldError }) {
  return (
    <div class="govuk-form-group govuk-form-group--error">
      <fieldset class="govuk-fieldset" aria-describedby={`${id}-error`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Redan rapporterat?</legend>
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Fel:</span> <span safe>{error.message}</span>
        </p>
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id={id} name={id} type="checkbox" value="ja" />
            <label class="govuk-label govuk-checkboxes__label" for={id}>
              Jag har kontrollerat: det är andra beslut än de som redan har rapporterats
            </label>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

function quarterOptions(quarters: string[]) {
  return quarters.map((q) => ({ value: q, text: `${q} (läget ${formatLongDate(quarterEnd(q))})` }));
}

export function DecisionsPage(props: DecisionsPageProps): JSX.Element {
  const { representative, kommun, quarters, decision, decisionErrors, uploadErrors } = props;
  const duplicate = props.alreadyReported;
  const errors = [...uploadErrors, ...(duplicate ? [duplicate.error] : []), ...decisionErrors];
  // The file's own errors (the quarter's stand by the quarter): one is shown as it is, several are counted.
  const fileErrors = uploadErrors.filter((e) => e.field === UPLOAD_FIELD_IDS.file);
  const listed = fileErrors.length;
  const lawGroups = (Object.keys(LAWS) as (keyof typeof LAWS)[]).map((law) => ({
    label: law,
    options: Object.entries(KINDS_OF_HELP)
      .filter(([, k]) => k.law === law)
      .map(([value, k]) => ({ value, text: k.label })),
  }));
  const base = '/provider/ej-verkstallda';
  return (
    <ProviderLayout title={`${errors.length > 0 ? 'Fel: ' : ''}Ej verkställda beslut`} representative={representative}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l" safe>
        {kommun.name}
      </span>
      <h1 class="govuk-heading-l">Rapportera ej verkställda beslut</h1>
      <p class="govuk-body-l">
        {`Rapportera varje gynnande beslut enligt SoL eller LSS som inte har verkställts inom ${UNEXECUTED_DECISION_LIMIT_MONTHS} månader från beslutsdagen, eller inom ${UNEXECUTED_DECISION_LIMIT_MONTHS} månader från ett avbrott i verkställigheten. Rapportera också när ett sådant beslut har verkställts.`}
      </p>
      <p class="govuk-body">
        Rapporten gäller läget på kvartalets sista dag. Den ska vara avidentifierad: skriv inga namn, personnummer eller andra uppgifter som pekar ut den enskilde.
      </p>

      <h2 class="govuk-heading-m">Ladda upp en fil</h2>
      <p class="govuk-body">
        En CSV-fil med en rubrikrad och ett beslut per rad, kolumnerna avgränsade med semikolon eller komma, sparad som UTF-8 (i Excel: ”CSV UTF-8”). Om någon rad
        är fel sparas ingenting – rätta raderna och ladda upp filen igen.{' '}
        <a class="govuk-link" href={`${base}/mall.csv`}>
          Ladda ner en mall (CSV)
        </a>
        .
      </p>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Kolumnerna i filen</span>
        </summary>
        <div class="govuk-details__text">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Kolumner</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Kolumn
                </th>
                <th scope="col" class="govuk-table__header">
                  Innehåll
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {(
                [
                  ['decisionDate', 'Datum för beslutet, ÅÅÅÅ-MM-DD.'],
                  ['law', 'SoL eller LSS.'],
                  ['kindOfHelp', `Insatsen, med kod eller namn: ${Object.entries(KINDS_OF_HELP).map(([code, k]) => `${code} (${k.label}, ${k.law})`).join('; ')}.`],
                  ['reason', `Frivillig. Orsak till att beslutet inte verkställts: ${Object.entries(DELAY_REASONS).map(([code, label]) => `${code} (${label})`).join('; ')}.`],
                  ['interruptedOn', 'Frivillig. Datum då verkställigheten avbröts; tre månader räknas då från avbrottet.'],
                  ['executedOn', 'Frivillig. Datum då beslutet verkställdes, om det har skett.'],
                ] as [DecisionField, string][]
              ).map(([field, text]) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header" safe>
                    {`${CSV_COLUMNS[field].header}${CSV_COLUMNS[field].required ? '' : ' (frivillig)'}`}
                  </th>
                  <td class="govuk-table__cell" safe>
                    {text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <form method="post" action={`${base}/fil`} enctype="multipart/form-data" novalidate>
        <CsrfField token={representative.csrfToken} />
        <HiddenField name="org" value={kommun.id} />
        <Select id={UPLOAD_FIELD_IDS.quarter} label="Kvartal" value={props.uploadQuarter} options={quarterOptions(quarters)} errors={uploadErrors} />
        <div class={`govuk-form-group${listed > 0 ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for={UPLOAD_FIELD_IDS.file}>
            Fil med beslut
          </label>
          <div id={`${UPLOAD_FIELD_IDS.file}-hint`} class="govuk-hint">
            {`CSV, högst ${CSV_MAX_BYTES / 1024 / 1024} MB.`}
          </div>
          {listed > 0 ? (
            <p id={`${UPLOAD_FIELD_IDS.file}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">Fel:</span>{' '}
              <span safe>
                {props.uploadErrorCount > listed
                  ? `Filen har ${props.uploadErrorCount} fel, de första ${listed} visas ovan. Ingenting har sparats.`
                  : listed === 1
                    ? fileErrors[0].message
                    : `Filen har ${listed} fel, se listan ovan. Ingenting har sparats.`}
              </span>
            </p>
          ) : (
            ''
          )}
          <input
            class={`govuk-file-upload${listed > 0 ? ' govuk-file-upload--error' : ''}`}
            id={UPLOAD_FIELD_IDS.file}
            name={UPLOAD_FIELD_IDS.file}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${UPLOAD_FIELD_IDS.file}-hint${listed > 0 ? ` ${UPLOAD_FIELD_IDS.file}-error` : ''}`}
          />
        </div>
        {duplicate?.form === 'upload' ? <ConfirmNotDuplicates id={CONFIRM_FIELD_IDS.upload} error={duplicate.error} /> : ''}
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Ladda upp och rapportera
        </button>
      </form>

      <h2 class="govuk-heading-m">Rapportera ett beslut i taget</h2>
      <form method="post" action={`${base}/beslut`} novalidate>
        <CsrfField token={representative.csrfToken} />
        <HiddenField name="org" value={kommun.id} />
        <Select id={DECISION_FIELD_IDS.quarter} label="Kvartal" value={decision.quarter} options={quarterOptions(quarters)} errors={decisionErrors} />
        <TextInput id={DECISION_FIELD_IDS.decisionDate} label="Beslutsdatum" hint="Till exempel 2026-03-15." value={decision.decisionDate} width="10" errors={decisionErrors} />
        <Radios
          id={DECISION_FIELD_IDS.law}
          label="Lag"
          inline
          value={decision.law}
          options={(Object.keys(LAWS) as (keyof typeof LAWS)[]).map((law) => ({ value: law, text: law }))}
          errors={decisionErrors}
        />
        <Select id={DECISION_FIELD_IDS.kindOfHelp} label="Insats" value={decision.kindOfHelp} placeholder="Välj insats" options={[]} groups={lawGroups} errors={decisionErrors} />
        <Select
          id={DECISION_FIELD_IDS.reason}
          label="Orsak till att beslutet inte verkställts (frivillig)"
          value={decision.reason}
          placeholder="Ingen angiven"
          options={Object.entries(DELAY_REASONS).map(([value, text]) => ({ value, text }))}
          errors={decisionErrors}
        />
        <TextInput
          id={DECISION_FIELD_IDS.interruptedOn}
          label="Datum för avbrott (frivilligt)"
          hint="Om verkställigheten avbröts. Tre månader räknas då från avbrottet."
          value={decision.interruptedOn}
          width="10"
          errors={decisionErrors}
        />
        <TextInput
          id={DECISION_FIELD_IDS.executedOn}
          label="Datum då beslutet verkställdes (frivilligt)"
          hint="Om beslutet har verkställts, men senare än tre månader."
          value={decision.executedOn}
          width="10"
          errors={decisionErrors}
        />
        {duplicate?.form === 'decision' ? <ConfirmNotDuplicates id={CONFIRM_FIELD_IDS.decision} error={duplicate.error} /> : ''}
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Rapportera beslutet
        </button>
      </form>
    </ProviderLayout>
  );
}

/** When a representative acts for more than one kommun: which one to report for. */
export function ChooseKommunPage({ representative, kommuner }: { representative: Representative; kommuner: Organisation[] }): JSX.Element {
  return (
    <ProviderLayout title="Välj kommun" representative={representative}>
      <h1 class="govuk-heading-l">Vilken kommun rapporterar du för?</h1>
      <ul class="govuk-list">
        {kommuner.map((k) => (
          <li>
            <a class="govuk-link" href={`/provider/ej-verkstallda?org=${encodeURIComponent(k.id)}`} safe>
              {k.name}
            </a>
          </li>
        ))}
      </ul>
    </ProviderLayout>
  );
}
