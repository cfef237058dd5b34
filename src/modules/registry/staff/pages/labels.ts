// Swedish words for the codes staff pages show.

export { SIGNAL_CHANNEL_LABELS } from '../../codes.ts';

export const SEVERITY_LABELS: Record<number, string> = {
  1: '1 – lindrig',
  2: '2 – måttlig',
  3: '3 – allvarlig',
  4: '4 – dödsfall, bestående skada eller allvarliga övergrepp',
};

export const URGENCY_LABELS: Record<string, string> = { acute: 'Akut', high: 'Hög', normal: 'Normal' };

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  new: 'Ny verksamhet',
  change: 'Ändring eller flytt',
  closure: 'Nedläggning',
};

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return value.toLocaleString('sv-SE');
  return String(value);
}
