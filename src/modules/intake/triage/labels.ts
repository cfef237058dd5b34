import { RISK_AREAS, SIGNAL_CHANNEL_LABELS, type RiskArea } from '../../registry/index.ts';

// Swedish words for the codes the triage pages show.

export const CHANNEL_LABELS: Record<string, string> = SIGNAL_CHANNEL_LABELS;

export const URGENCY_LABELS: Record<string, string> = { acute: 'Akut', high: 'Hög', normal: 'Normal' };
export const STATUS_LABELS: Record<string, string> = { new: 'Ny', in_progress: 'Pågår', done: 'Klar' };
export const UNIT_MATCH_LABELS: Record<string, string> = {
  given: 'vald när signalen lämnades',
  automatic: 'kopplad automatiskt',
  manual: 'kopplad av en medarbetare',
  unmatched: 'inte kopplad',
};
export const SUBMITTER_LABELS: Record<string, string> = {
  anonymous: 'Anonym',
  identified: 'Har uppgett vem hen är',
  provider: 'Vårdgivare eller huvudman',
  authority: 'Annan myndighet',
  staff: 'Registrerad av medarbetare',
};
export const CONTACT_KIND_LABELS: Record<string, string> = { phone: 'Telefon', email: 'E-post', letter: 'Brev' };
export const CALLER_LABELS: Record<string, string> = { private: 'Privatperson', professional: 'Yrkesverksam' };

export const RISK_AREA_CODES = Object.keys(RISK_AREAS) as RiskArea[];
export const riskAreaLabel = (code: string) => (RISK_AREAS as Record<string, string>)[code] ?? code;
export const riskAreasText = (codes: string[] | null) => (codes?.length ? codes.map(riskAreaLabel).join(', ') : '–');
/** The name of the person a signal is assigned to (their subject when the name is not known). */
export const assigneeText = (subject: string | null, names: Map<string, string>) => (subject ? (names.get(subject) ?? subject) : 'Inte tilldelad');
export const labelOf = (labels: Record<string, string>, code: string | null | undefined) => (code ? (labels[code] ?? code) : '–');

/** The first words of a text, for the queue: whole words, at most `maxChars` characters. */
export function firstWords(text: string | null, maxChars = 120): string {
  if (!text) return '–';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, '')} …`;
}

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
