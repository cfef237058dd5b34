import Html from '@kitajs/html';

// Display pieces of the selection pages, in GOV.UK Frontend markup; the form pieces are in platform/web/components.tsx.

/** Sentences as a plain list, or a dash when there are none. */
export function SentenceList({ sentences, empty = '–' }: { sentences: string[]; empty?: string }) {
  if (sentences.length === 0) return <span class="govuk-body-s" safe>{empty}</span>;
  return (
    <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">
      {sentences.map((s) => (
        <li safe>{s}</li>
      ))}
    </ul>
  );
}
