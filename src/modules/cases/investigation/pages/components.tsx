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

/** 1 234 567 bytes → "1,2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
