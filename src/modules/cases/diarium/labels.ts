// Words the diarium pages use for codes, and how sizes are written (dates: platform/dates.ts).
import { SIGNAL_CHANNEL_LABELS } from '../../registry/index.ts';

export const DIRECTION_LABELS: Record<string, string> = { incoming: 'Inkommen', outgoing: 'Utgående', drawn_up: 'Upprättad' };

export const SECRECY_LABELS: Record<string, string> = { public: 'Offentlig', partly_secret: 'Delvis sekretess', secret: 'Sekretess' };

export const MEMBER_ROLE_LABELS: Record<string, string> = { responsible: 'Ansvarig handläggare', member: 'Medarbetare', decision_maker: 'Beslutsfattare' };

export const CHANNEL_LABELS: Record<string, string> = SIGNAL_CHANNEL_LABELS;

export const labelOf = (labels: Record<string, string>, code: string | null | undefined, missing = '–') => (code ? (labels[code] ?? code) : missing);

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('sv-SE')} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}

/** "Sekretessmarkerad enligt 25 kap. 1 § OSL" for the public diarium and for staff outside the case team. */
export function secrecyText(secrecy: string, reference: string | null): string {
  if (secrecy === 'public') return 'Offentlig';
  const marking = secrecy === 'partly_secret' ? 'Delvis sekretessmarkerad' : 'Sekretessmarkerad';
  return reference ? `${marking} enligt ${reference}` : marking;
}
