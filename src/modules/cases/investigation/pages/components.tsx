import Html from '@kitajs/html';

// Display pieces of the investigation's pages, in GOV.UK Frontend markup; the form pieces are in platform/web/components.tsx.

export function Tag({ text, modifier }: { text: string; modifier?: string }) {
  return (
    <strong class={`govuk-tag${modifier ? ` ${modifier}` : ''}`} safe>
      {text}
    </strong>
  );
}
