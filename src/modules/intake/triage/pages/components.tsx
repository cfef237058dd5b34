import Html from '@kitajs/html';
import { URGENCY_LABELS } from '../labels.ts';

// Display pieces of the triage pages, in GOV.UK Frontend markup; the form pieces are in platform/web/components.tsx.

const URGENCY_TAG_CLASS: Record<string, string> = { acute: 'govuk-tag--red', high: 'govuk-tag--orange', normal: 'govuk-tag--grey' };

export function UrgencyTag({ urgency }: { urgency: string | null }) {
  if (!urgency) return <span>–</span>;
  return (
    <strong class={`govuk-tag ${URGENCY_TAG_CLASS[urgency] ?? 'govuk-tag--grey'}`} safe>
      {URGENCY_LABELS[urgency] ?? urgency}
    </strong>
  );
}
