import Html from '@kitajs/html';
import type { DecisionTool } from '../../../../platform/db/schema.ts';
import { SummaryRow } from '../../../../platform/web/components.tsx';
import { formatKronor, riskAreaLabel, SEVERITY_LABELS, TOOL_EXPLANATIONS, TOOL_LABELS } from '../labels.ts';
import { formatLongDate } from '../../../../platform/dates.ts';

// Display pieces shared by the decision pages (staff, provider portal and public), in GOV.UK Frontend markup;
// the form pieces are in platform/web/components.tsx. Everything works without JavaScript.

/** Multi-line text as paragraphs. */
export function Paragraphs({ text, className = 'govuk-body' }: { text: string; className?: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p class={`${className}`} safe>
            {p}
          </p>
        ))}
    </>
  );
}

export interface PublicDeficiency {
  seq: number;
  finding: string;
  legal_basis: string;
  risk_area: string;
  severity?: number;
}

/** The deficiencies of a decision as a table: finding, legal basis, risk area (and severity for staff). */
export function DeficiencyTable({ deficiencies, caption, withSeverity = false, id }: { deficiencies: PublicDeficiency[]; caption: string; withSeverity?: boolean; id?: string }): JSX.Element {
  if (deficiencies.length === 0) return <p class="govuk-body">Beslutet anger inga brister.</p>;
  return (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Nr
          </th>
          <th scope="col" class="govuk-table__header">
            Brist
          </th>
          <th scope="col" class="govuk-table__header">
            Lagrum
          </th>
          <th scope="col" class="govuk-table__header">
            Riskområde
          </th>
          {withSeverity ? (
            <th scope="col" class="govuk-table__header">
              Allvarlighet
            </th>
          ) : (
            ''
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {deficiencies.map((d) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header" safe>
              {String(d.seq)}
            </th>
            <td class="govuk-table__cell" safe>
              {d.finding}
            </td>
            <td class="govuk-table__cell" safe>
              {d.legal_basis}
            </td>
            <td class="govuk-table__cell" safe>
              {riskAreaLabel(d.risk_area)}
            </td>
            {withSeverity ? (
              <td class="govuk-table__cell" safe>
                {SEVERITY_LABELS[d.severity ?? 0] ?? String(d.severity ?? '')}
              </td>
            ) : (
              ''
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ASSESSMENT_TAG: Record<string, string> = { pending: 'govuk-tag--grey', accepted: 'govuk-tag--green', insufficient: 'govuk-tag--orange' };
const FOLLOW_UP_TAG: Record<string, string> = { none: 'govuk-tag--grey', awaiting_report: 'govuk-tag--yellow', assessing: 'govuk-tag--blue', closed: 'govuk-tag--green' };

export function Tag({ kind, value, text }: { kind: 'assessment' | 'follow_up'; value: string; text: string }): JSX.Element {
  const table = kind === 'assessment' ? ASSESSMENT_TAG : FOLLOW_UP_TAG;
  return (
    <strong class={`govuk-tag ${table[value] ?? 'govuk-tag--grey'}`} safe>
      {text}
    </strong>
  );
}

/** The decision's terms as summary-list rows: the tool and what it means, the date, the deadline and the fine. */
export function DecisionTermsRows({ decision }: { decision: { tool: DecisionTool; decided_on: string; report_by: string | null; fine_amount: number | null } }): JSX.Element {
  const d = decision;
  return (
    <>
      <SummaryRow name="Beslut">
        <span safe>{TOOL_LABELS[d.tool]}</span>
        <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" safe>
          {TOOL_EXPLANATIONS[d.tool]}
        </p>
      </SummaryRow>
      <SummaryRow name="Beslutsdatum">
        <span safe>{formatLongDate(d.decided_on)}</span>
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
    </>
  );
}
