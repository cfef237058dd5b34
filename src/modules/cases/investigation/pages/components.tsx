import Html from '@kitajs/html';

// Display pieces of the investigation's pages, in GOV.UK Frontend markup; the form pieces are in platform/web/components.tsx.

export function Tag({ text, modifier }: { text: string; modifier?: string }) {
  return (
    <strong class={`govuk-tag${modifier ? ` ${modifier}` : ''}`} safe>
      {text}
    </strong>
  );
}

/** 2026-11-23T10:15:00Z → "2026-11-23 11:15" in Swedish time. */
export function timeText(date: Date | string): string {
  return new Date(date).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
}
