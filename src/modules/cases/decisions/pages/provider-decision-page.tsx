import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ProviderLayout } from '../../../intake/provider/pages/provider-layout.tsx';
import type { Representative } from '../../../intake/provider/representative.ts';
import { ACTION_FIELD } from '../report-actions.ts';
import { ASSESSMENT_LABELS, FOLLOW_UP_LABELS, TOOL_LABELS } from '../labels.ts';
import { decisionSentence } from '../decision-pdf.ts';
import type { DecisionView } from '../repository.ts';
import { CsrfField, ErrorMessage, ErrorSummary, groupClass, hasError, SuccessBanner, SummaryRow, TextArea, TextInput } from '../../../../platform/web/components.tsx';
import { DecisionTermsRows, DeficiencyTable, Paragraphs, Tag } from './components.tsx';
import { formatLongDate, formatSwedishLongDateTime } from '../../../../platform/dates.ts';

// The provider's view of a decision in the portal: the public parts, the deadline, what it has reported and
// how IVO assessed it, and the form to report actions per deficiency (with an optional evidence file).

export interface ProviderDecisionPageProps {
  representative: Representative;
  caseInfo: { id: number; diarienummer: string; title: string; unit_name: string | null; provider_name: string | null };
  decision: DecisionView;
  today: string;
  errors: FieldError[];
  /** What was typed, by field id, when the form had errors. */
  values: Record<string, string>;
  /** Deficiencies whose file was sent with a form that had errors: it must be chosen again. */
  filesLost: number[];
  done?: boolean;
  maxFileMegabytes: number;
}

export const providerDecisionUrl = (caseId: number, decisionId: number) => `/provider/arenden/${caseId}/beslut/${decisionId}`;

export function ProviderDecisionPage(props: ProviderDecisionPageProps): JSX.Element {
  const { decision: d, caseInfo, errors } = props;
  const open = d.follow_up_status === 'awaiting_report' || d.follow_up_status === 'assessing';
  const acceptedSeqs = new Set(d.actions.filter((a) => a.assessment === 'accepted').map((a) => a.deficiency_seq));
  const toReport = d.deficiencies.filter((x) => !acceptedSeqs.has(x.seq));
  const overdue = open && d.report_by !== null && d.report_by < props.today && d.actions.length === 0;
  return (
    <ProviderLayout
      title={`${errors.length ? 'Fel: ' : ''}Beslut ${formatLongDate(d.decided_on)}: ${TOOL_LABELS[d.tool]}`}
      representative={props.representative}
      breadcrumbs={[
        { href: '/provider/arenden', text: 'Ärenden' },
        { href: `/provider/arenden/${caseInfo.id}`, text: `Ärende ${caseInfo.diarienummer}` },
      ]}
    >
      <ErrorSummary errors={errors} />
      {props.done ? <SuccessBanner text="Er redovisning är skickad till IVO och registrerad i ärendet. IVO bedömer åtgärderna och ni ser bedömningen här." /> : ''}
      <span class="govuk-caption-l" safe>
        {`${caseInfo.diarienummer} · ${caseInfo.unit_name ?? caseInfo.provider_name ?? ''}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {`Beslut: ${TOOL_LABELS[d.tool]}`}
      </h1>
      <p class="govuk-body-l" safe>
        {decisionSentence({ tool: d.tool, reportBy: d.report_by, fineAmount: d.fine_amount, provider: caseInfo.provider_name ? { name: caseInfo.provider_name, orgnr: null } : null })}
      </p>
      {overdue ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Varning</span>
            <span safe>{`Redovisningen skulle ha kommit in senast ${formatLongDate(d.report_by!)}. Redovisa era åtgärder så snart som möjligt.`}</span>
          </strong>
        </div>
      ) : (
        ''
      )}
      <dl class="govuk-summary-list">
        <SummaryRow name="Ärende">
          <span safe>{caseInfo.title}</span>
        </SummaryRow>
        <DecisionTermsRows decision={d} />
        <SummaryRow name="Uppföljning">
          <Tag kind="follow_up" value={d.follow_up_status} text={FOLLOW_UP_LABELS[d.follow_up_status]} />
        </SummaryRow>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/beslut/${d.id}/pdf`}>
          Hämta beslutet som PDF
        </a>
        {' – där står också hur ni överklagar.'}
      </p>
      <h2 class="govuk-heading-m">Sammanfattning</h2>
      <Paragraphs text={d.summary} />
      <DeficiencyTable deficiencies={d.deficiencies} caption="Brister som IVO har funnit" />

      {d.actions.length > 0 ? <ReportedActions decision={d} /> : ''}

      {open && toReport.length > 0 ? (
        <section aria-labelledby="redovisa-rubrik" class="govuk-!-margin-top-8">
          <h2 class="govuk-heading-l" id="redovisa-rubrik">
            Redovisa åtgärder
          </h2>
          <p class="govuk-body">
            Redovisa för varje brist vilken åtgärd ni har vidtagit, vem som ansvarar för den, när den genomfördes och hur ni vet att den fungerar. Ni kan redovisa en brist i taget; lämna
            de andra tomma. Skriv inte namn eller personnummer på patienter eller brukare.
          </p>
          <form method="post" action={providerDecisionUrl(caseInfo.id, d.id)} enctype="multipart/form-data" novalidate>
            <CsrfField token={props.representative.csrfToken} />
            {toReport.map((x) => (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-8">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h3 class="govuk-fieldset__heading" safe>
                    {`Brist ${x.seq}`}
                  </h3>
                </legend>
                <p class="govuk-body" safe>
                  {x.finding}
                </p>
                <TextArea id={ACTION_FIELD(x.seq, 'action')} label="Vilken åtgärd har ni vidtagit?" value={props.values[ACTION_FIELD(x.seq, 'action')] ?? ''} errors={errors} rows={4} />
                <TextInput autocomplete={false} id={ACTION_FIELD(x.seq, 'owner')} label="Vem ansvarar för åtgärden?" hint="En roll eller funktion, till exempel verksamhetschef" value={props.values[ACTION_FIELD(x.seq, 'owner')] ?? ''} errors={errors} widthClass="govuk-input--width-20" />
                <TextInput autocomplete={false} id={ACTION_FIELD(x.seq, 'doneOn')} label="När genomfördes åtgärden?" hint="Skriv som ÅÅÅÅ-MM-DD, till exempel 2026-03-27" value={props.values[ACTION_FIELD(x.seq, 'doneOn')] ?? ''} errors={errors} widthClass="govuk-input--width-10" />
                <TextArea
                  id={ACTION_FIELD(x.seq, 'evidence')}
                  label="Hur vet ni att åtgärden fungerar? (frivilligt)"
                  hint="Till exempel uppföljning, egenkontroll eller journalgranskning"
                  value={props.values[ACTION_FIELD(x.seq, 'evidence')] ?? ''}
                  errors={errors}
                  rows={3}
                />
                <FileInput id={ACTION_FIELD(x.seq, 'file')} errors={errors} maxMegabytes={props.maxFileMegabytes} lost={props.filesLost.includes(x.seq)} />
              </fieldset>
            ))}
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Skicka redovisningen
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {d.follow_up_status === 'closed' ? <p class="govuk-body govuk-!-margin-top-6">IVO har avslutat uppföljningen av beslutet.</p> : ''}
    </ProviderLayout>
  );
}

function FileInput({ id, errors, maxMegabytes, lost }: { id: string; errors: FieldError[]; maxMegabytes: number; lost: boolean }): JSX.Element {
  const describedBy = [`${id}-hint`, hasError(errors, id) ? `${id}-error` : '', lost ? `${id}-again` : ''].filter(Boolean).join(' ');
  return (
    <div class={groupClass(errors, id)}>
      <label class="govuk-label govuk-label--s" for={id}>
        Bifoga underlag (frivilligt)
      </label>
      <div id={`${id}-hint`} class="govuk-hint" safe>
        {`En fil i formatet PDF, JPEG eller PNG, högst ${maxMegabytes} MB.`}
      </div>
      <ErrorMessage id={id} errors={errors} />
      {lost ? (
        <p class="govuk-body vaka-files-lost" id={`${id}-again`}>
          Välj filen igen. Den du valde skickades inte, eftersom formuläret hade fel.
        </p>
      ) : (
        ''
      )}
      <input
        class={`govuk-file-upload${hasError(errors, id) ? ' govuk-file-upload--error' : ''}`}
        id={id}
        name={id}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        aria-describedby={describedBy}
      />
    </div>
  );
}

function ReportedActions({ decision: d }: { decision: DecisionView }): JSX.Element {
  return (
    <section aria-labelledby="redovisat-rubrik" class="govuk-!-margin-top-8">
      <h2 class="govuk-heading-m" id="redovisat-rubrik">
        Det ni har redovisat
      </h2>
      {d.deficiencies.map((x) => {
        const actions = d.actions.filter((a) => a.deficiency_seq === x.seq);
        if (actions.length === 0) return '';
        return (
          <div class="govuk-!-margin-bottom-6">
            <h3 class="govuk-heading-s" safe>
              {`Brist ${x.seq}`}
            </h3>
            {actions.map((a) => (
              <div class="govuk-inset-text govuk-!-margin-top-2">
                <p class="govuk-body">
                  <Tag kind="assessment" value={a.assessment} text={ASSESSMENT_LABELS[a.assessment]} />
                </p>
                <Paragraphs text={a.action} />
                <p class="govuk-body-s" safe>
                  {`Ansvarig: ${a.owner} · genomförd ${formatLongDate(a.done_on)} · redovisad ${formatSwedishLongDateTime(a.reported_at)}${a.has_file ? ' · med bifogat underlag' : ''}`}
                </p>
                {a.assessment_note ? (
                  <p class="govuk-body" safe>
                    {`IVO:s kommentar: ${a.assessment_note}`}
                  </p>
                ) : (
                  ''
                )}
                {a.assessment === 'insufficient' ? <p class="govuk-body">Redovisa en ny åtgärd mot bristen i formuläret nedan.</p> : ''}
              </div>
            ))}
          </div>
        );
      })}
    </section>
  );
}
