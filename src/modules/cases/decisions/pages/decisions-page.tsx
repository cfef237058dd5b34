import Html from '@kitajs/html';
import type { StaffUser } from '../../../../platform/auth/index.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { CaseAccess } from '../../access.ts';
import type { CaseHeader } from '../../case-header.ts';
import { CaseLayout, caseUrl } from '../../case-layout.tsx';
import { FIELD, MAX_ROWS, type DecisionForm } from '../decision-input.ts';
import { ASSESS_FIELD, CLOSE_FIELD } from '../follow-up.ts';
import {
  ASSESSMENT_LABELS, DECISION_TOOLS, FOLLOW_UP_LABELS, formatKronor, SEVERITY_LABELS, TOOL_EXPLANATIONS, TOOL_LABELS, TOOLS_WITH_REPORT,
} from '../labels.ts';
import { RISK_AREAS } from '../../../registry/codes.ts';
import type { ActionView, DecisionView } from '../repository.ts';
import { CsrfField, ErrorMessage, ErrorSummary, groupClass, hasError, Select, SuccessBanner, SummaryRow, TextArea, TextInput } from '../../../../platform/web/components.tsx';
import { DeficiencyTable, Paragraphs, Tag } from './components.tsx';
import { formatLongDate, formatSwedishLongDateTime } from '../../../../platform/dates.ts';

export interface DecisionsPageProps {
  staff: StaffUser;
  header: CaseHeader;
  access: CaseAccess;
  decisions: DecisionView[];
  form: DecisionForm;
  errors: FieldError[];
  done?: string;
  canReadEffects: boolean;
  /** What an officer typed in an assessment or closing form that had errors, to show again. */
  values?: Record<string, string>;
  /** Staff names by subject (assessed by, follow-up closed by). */
  names: Map<string, string>;
  /** How many findings the case's inspections have (the form can start from them). */
  findings?: number;
}

const DONE_TEXT: Record<string, string> = {
  beslutat: 'Beslutet är fattat, registrerat i diariet och publicerat.',
  bedomt: 'Bedömningen är sparad. Verksamheten ser den i e-tjänsten.',
  avslutat: 'Uppföljningen av beslutet är avslutad.',
};

export const decisionsUrl = (caseId: number, suffix = '') => caseUrl(caseId, `/beslut${suffix}`);

export function DecisionsPage(props: DecisionsPageProps): JSX.Element {
  const { header, access, decisions, errors } = props;
  const canDecideHere = access.canDecide && header.status !== 'closed';
  return (
    <CaseLayout staff={props.staff} header={header} tab="decisions" title={`${errors.length ? 'Fel: ' : ''}Beslut och uppföljning`}>
      <ErrorSummary errors={errors} />
      {props.done && DONE_TEXT[props.done] ? <SuccessBanner text={DONE_TEXT[props.done]} /> : ''}
      <h2 class="govuk-heading-l">Beslut och uppföljning</h2>
      {decisions.length === 0 ? <p class="govuk-body">Inga beslut är fattade i ärendet.</p> : ''}
      {decisions.map((d) => (
        <DecisionSection decision={d} {...props} />
      ))}
      {canDecideHere ? <DecisionFormSection {...props} /> : ''}
      {!access.canDecide ? <p class="govuk-body govuk-!-margin-top-6">Beslut fattas av en beslutsfattare.</p> : ''}
      {access.canDecide && header.status === 'closed' ? <p class="govuk-body govuk-!-margin-top-6">Ärendet är avslutat. Ett avslutat ärende kan inte få ett nytt beslut.</p> : ''}
    </CaseLayout>
  );
}

function DecisionSection(props: DecisionsPageProps & { decision: DecisionView }): JSX.Element {
  const d = props.decision;
  const id = `beslut-${d.id}`;
  const followUpOpen = d.follow_up_status === 'awaiting_report' || d.follow_up_status === 'assessing';
  return (
    <section class="govuk-!-margin-bottom-9" aria-labelledby={`${id}-rubrik`} id={id}>
      <h3 class="govuk-heading-m" id={`${id}-rubrik`} safe>
        {`${TOOL_LABELS[d.tool]}, beslutat ${formatLongDate(d.decided_on)}`}
      </h3>
      <dl class="govuk-summary-list">
        <SummaryRow name="Beslut">
          <span safe>{TOOL_LABELS[d.tool]}</span>
        </SummaryRow>
        <SummaryRow name="Beslutsdatum">
          <span safe>{formatLongDate(d.decided_on)}</span>
        </SummaryRow>
        <SummaryRow name="Beslutat av">
          <span safe>{`${d.decided_by_name}, ${formatSwedishLongDateTime(d.decided_at)}`}</span>
        </SummaryRow>
        {d.report_by ? (
          <SummaryRow name="Sista dag för redovisning">
            <span safe>{formatLongDate(d.report_by)}</span>
          </SummaryRow>
        ) : (
          ''
        )}
        {d.fine_amount ? (
          <SummaryRow name="Vite">
            <span safe>{formatKronor(d.fine_amount)}</span>
          </SummaryRow>
        ) : (
          ''
        )}
        <SummaryRow name="Uppföljning">
          <Tag kind="follow_up" value={d.follow_up_status} text={FOLLOW_UP_LABELS[d.follow_up_status]} />
          {d.follow_up_closed_at ? (
            <span safe>{` ${formatSwedishLongDateTime(d.follow_up_closed_at)}${d.follow_up_closed_by ? ` av ${props.names.get(d.follow_up_closed_by) ?? d.follow_up_closed_by}` : ''}`}</span>
          ) : (
            ''
          )}
        </SummaryRow>
        <SummaryRow name="Publicerat">
          {d.published_at ? (
            <a class="govuk-link" href={`/beslut/${d.id}`}>
              <span safe>{`Ja, ${formatSwedishLongDateTime(d.published_at)}`}</span>
            </a>
          ) : (
            <span>Nej</span>
          )}
        </SummaryRow>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={decisionsUrl(d.case_id, `/${d.id}/pdf`)}>
          <span safe>{`Hämta beslutet som PDF${d.document_number ? ` (aktbilaga ${d.document_number})` : ''}`}</span>
        </a>
        {props.canReadEffects ? (
          <>
            {' · '}
            <a class="govuk-link" href={decisionsUrl(d.case_id, `/${d.id}/effekt`)}>
              Effekt av beslutet
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <h4 class="govuk-heading-s">Sammanfattning (publiceras)</h4>
      <Paragraphs text={d.summary} />
      <DeficiencyTable deficiencies={d.deficiencies} caption="Brister" withSeverity />
      {d.follow_up_status !== 'none' ? <FollowUp {...props} decision={d} open={followUpOpen} /> : ''}
    </section>
  );
}

function FollowUp(props: DecisionsPageProps & { decision: DecisionView; open: boolean }): JSX.Element {
  const d = props.decision;
  const canAssess = props.access.canWork && props.open;
  const closeField = CLOSE_FIELD(d.id);
  const unaccepted = d.deficiencies.filter((x) => !d.actions.some((a) => a.deficiency_seq === x.seq && a.assessment === 'accepted'));
  return (
    <div class="govuk-!-margin-top-6">
      <h4 class="govuk-heading-m">Redovisade åtgärder</h4>
      {d.actions.length === 0 ? (
        <p class="govuk-body" safe>
          {`Verksamheten har inte redovisat några åtgärder ännu.${d.report_by ? ` Sista dag är ${formatLongDate(d.report_by)}.` : ''}`}
        </p>
      ) : (
        ''
      )}
      {d.deficiencies.map((x) => {
        const actions = d.actions.filter((a) => a.deficiency_seq === x.seq);
        if (actions.length === 0) return '';
        return (
          <div class="govuk-!-margin-bottom-6">
            <h5 class="govuk-heading-s" safe>
              {`Brist ${x.seq}: ${x.finding.length > 120 ? `${x.finding.slice(0, 117)}…` : x.finding}`}
            </h5>
            {actions.map((a) => (
              <ActionCard action={a} decision={d} canAssess={canAssess} seesSecret={props.access.seesSecret} errors={props.errors} values={props.values ?? {}} csrf={props.staff.csrfToken} />
            ))}
          </div>
        );
      })}
      {props.access.canWork && props.open ? (
        <form method="post" action={decisionsUrl(d.case_id, `/${d.id}/avsluta`)} novalidate class="govuk-!-margin-top-6">
          <CsrfField token={props.staff.csrfToken} />
          <h4 class="govuk-heading-s">Avsluta uppföljningen</h4>
          <p class="govuk-body" safe>
            {unaccepted.length === 0
              ? 'Alla brister har en godtagen åtgärd. Uppföljningen kan avslutas.'
              : `Brist ${unaccepted.map((x) => x.seq).join(', ')} har ingen godtagen åtgärd. Om uppföljningen ska avslutas ändå, skriv varför.`}
          </p>
          <TextArea id={closeField} label="Motivering" hint="Krävs om någon brist saknar godtagen åtgärd. Sparas som anteckning i ärendet." value={props.values?.[closeField] ?? ''} errors={props.errors} rows={3} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Avsluta uppföljningen
          </button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

function ActionCard(props: { action: ActionView; decision: DecisionView; canAssess: boolean; seesSecret: boolean; errors: FieldError[]; values: Record<string, string>; csrf: string }): JSX.Element {
  const a = props.action;
  const assessField = ASSESS_FIELD(a.id, 'assessment');
  const noteField = ASSESS_FIELD(a.id, 'note');
  const chosen = props.values[assessField] ?? (a.assessment === 'pending' ? '' : a.assessment);
  return (
    <div class="govuk-inset-text govuk-!-margin-top-2" id={`atgard-${a.id}`}>
      <p class="govuk-body">
        <Tag kind="assessment" value={a.assessment} text={ASSESSMENT_LABELS[a.assessment]} />
      </p>
      <Paragraphs text={a.action} />
      <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
        <SummaryRow name="Ansvarig">
          <span safe>{a.owner}</span>
        </SummaryRow>
        <SummaryRow name="Genomförd">
          <span safe>{formatLongDate(a.done_on)}</span>
        </SummaryRow>
        {a.evidence ? (
          <SummaryRow name="Underlag">
            <span safe>{a.evidence}</span>
          </SummaryRow>
        ) : (
          ''
        )}
        {a.has_file ? (
          <SummaryRow name="Bifogad fil">
            {props.seesSecret ? (
              <a class="govuk-link" href={decisionsUrl(props.decision.case_id, `/${props.decision.id}/underlag/${a.id}`)}>
                <span safe>{`Hämta underlaget${a.document_number ? ` (aktbilaga ${a.document_number})` : ''}`}</span>
              </a>
            ) : (
              <span safe>{`Sekretessmarkerat underlag${a.document_number ? ` (aktbilaga ${a.document_number})` : ''}: bara ärendets handläggare kan öppna det.`}</span>
            )}
          </SummaryRow>
        ) : (
          ''
        )}
        <SummaryRow name="Redovisad">
          <span safe>{`${formatSwedishLongDateTime(a.reported_at)} av ${a.reported_by_name}`}</span>
        </SummaryRow>
        {a.assessment_note ? (
          <SummaryRow name="IVO:s kommentar">
            <span safe>{a.assessment_note}</span>
          </SummaryRow>
        ) : (
          ''
        )}
      </dl>
      {props.canAssess ? (
        <form method="post" action={decisionsUrl(props.decision.case_id, `/${props.decision.id}/atgarder/${a.id}/bedomning`)} novalidate>
          <CsrfField token={props.csrf} />
          <div class={groupClass(props.errors, assessField)}>
            <fieldset class="govuk-fieldset" aria-describedby={hasError(props.errors, assessField) ? `${assessField}-error` : undefined}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Bedömning av åtgärden</legend>
              <ErrorMessage id={assessField} errors={props.errors} />
              <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                {(['accepted', 'insufficient'] as const).map((value, i) => (
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id={i === 0 ? assessField : `${assessField}-${value}`} name={assessField} type="radio" value={value} checked={chosen === value} />
                    <label class="govuk-label govuk-radios__label" for={i === 0 ? assessField : `${assessField}-${value}`}>
                      {value === 'accepted' ? 'Godta åtgärden' : 'Inte tillräcklig'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextArea id={noteField} label="Kommentar till verksamheten" hint="Krävs om åtgärden inte är tillräcklig: skriv vad som saknas." value={props.values[noteField] ?? a.assessment_note ?? ''} errors={props.errors} rows={2} labelClass="" />
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
            Spara bedömningen
          </button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}

const RISK_AREA_OPTIONS = Object.entries(RISK_AREAS).map(([value, text]) => ({ value, text }));
const SEVERITY_OPTIONS = Object.entries(SEVERITY_LABELS).map(([value, text]) => ({ value, text }));

function DecisionFormSection(props: DecisionsPageProps): JSX.Element {
  const { form, errors, header } = props;
  const rows = form.rows.length;
  return (
    <section aria-labelledby="nytt-beslut-rubrik" class="govuk-!-margin-top-9" id="nytt-beslut">
      <h2 class="govuk-heading-l" id="nytt-beslut-rubrik">
        Fatta beslut
      </h2>
      <p class="govuk-body">
        Beslutet registreras i diariet som en utgående handling, skickas som PDF och publiceras direkt i den offentliga beslutssökningen och i verksamhetens e-tjänst. Skriv
        därför brister och sammanfattning utan personuppgifter.
      </p>
      <form method="post" action={decisionsUrl(header.id)} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <input type="hidden" name="rader" value={String(rows)} />
        <div class={groupClass(errors, FIELD.deficiencies)} id={FIELD.deficiencies}>
          <h3 class="govuk-heading-m">Brister</h3>
          <p class="govuk-body">Fyll i en rad per brist. Tomma rader tas inte med. Ett avslut utan kritik har inga brister.</p>
          {props.findings ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${decisionsUrl(header.id)}?fran=inspektion#nytt-beslut`}>
                <span safe>{`Fyll i bristerna från inspektionernas iakttagelser (${props.findings})`}</span>
              </a>
            </p>
          ) : (
            ''
          )}
          <ErrorMessage id={FIELD.deficiencies} errors={errors} />
          {form.rows.map((row, i) => {
            const n = i + 1;
            return (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                  <span safe>{`Brist ${n}`}</span>
                </legend>
                <TextArea id={FIELD.row(n, 'finding')} label="Vad har IVO funnit?" value={row.finding} errors={errors} rows={3} labelClass="" />
                <TextInput autocomplete={false} id={FIELD.row(n, 'legalBasis')} label="Lagrum" hint="Till exempel 3 kap. 1 § HSL eller 4 kap. 1 § SoL" value={row.legalBasis} errors={errors} widthClass="govuk-input--width-20" labelClass="" />
                <Select id={FIELD.row(n, 'riskArea')} label="Riskområde" value={row.riskArea} errors={errors} options={RISK_AREA_OPTIONS} emptyLabel="Välj riskområde" labelClass="" />
                <Select id={FIELD.row(n, 'severity')} label="Allvarlighet" value={row.severity} errors={errors} options={SEVERITY_OPTIONS} emptyLabel="Välj allvarlighet" labelClass="" />
              </fieldset>
            );
          })}
          {rows < MAX_ROWS ? (
            <button type="submit" name="handling" value="fler-rader" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Lägg till fler brister
            </button>
          ) : (
            ''
          )}
        </div>

        <div class={groupClass(errors, FIELD.tool)}>
          <fieldset class="govuk-fieldset" aria-describedby={hasError(errors, FIELD.tool) ? `${FIELD.tool}-error` : undefined}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h3 class="govuk-fieldset__heading">Beslut</h3>
            </legend>
            <ErrorMessage id={FIELD.tool} errors={errors} />
            <div class="govuk-radios" data-module="govuk-radios">
              {DECISION_TOOLS.map((tool, i) => {
                const inputId = i === 0 ? FIELD.tool : `${FIELD.tool}-${tool}`;
                return (
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id={inputId} name={FIELD.tool} type="radio" value={tool} checked={form.tool === tool} aria-describedby={`${inputId}-hint`} />
                    <label class="govuk-label govuk-radios__label" for={inputId} safe>
                      {TOOL_LABELS[tool]}
                    </label>
                    <div id={`${inputId}-hint`} class="govuk-hint govuk-radios__hint" safe>
                      {TOOL_EXPLANATIONS[tool]}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <TextInput autocomplete={false}
          id={FIELD.reportBy}
          label="Sista dag för verksamhetens redovisning"
          hint={`Krävs för ${TOOLS_WITH_REPORT.map((t) => TOOL_LABELS[t].toLocaleLowerCase('sv')).join(' och ')}. Skriv som ÅÅÅÅ-MM-DD.`}
          value={form.reportBy}
          errors={errors}
          type="date"
          widthClass="govuk-input--width-10"
        />
        <TextInput autocomplete={false} id={FIELD.fine} label="Vite (kronor)" hint="Bara vid föreläggande, om det ska förenas med vite. Skriv beloppet i hela kronor." value={form.fine} errors={errors} inputmode="numeric" widthClass="govuk-input--width-10" />
        <TextArea id={FIELD.summary} label="Sammanfattning" hint="Publiceras tillsammans med bristerna. Skriv utan personuppgifter." value={form.summary} errors={errors} rows={5} />
        <TextInput autocomplete={false} id={FIELD.decidedOn} label="Beslutsdatum" hint="Skriv som ÅÅÅÅ-MM-DD." value={form.decidedOn} errors={errors} type="date" widthClass="govuk-input--width-10" />
        <button type="submit" name="handling" value="besluta" class="govuk-button" data-module="govuk-button">
          Fatta beslut
        </button>
      </form>
    </section>
  );
}
