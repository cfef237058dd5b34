import Html from '@kitajs/html';
import { HOME_STATUSES, HOME_TYPES, ORIENTATIONS } from '../../codes.ts';

// Small pieces shared by the public HVB pages, following GOV.UK Frontend's markup.

export const HVB_FORM_LABELS: Record<string, string> = { hvb: 'HVB', stodboende: 'Stödboende' };

export function statusLabel(status: string): string {
  return HOME_STATUSES[status as keyof typeof HOME_STATUSES]?.label ?? status;
}

export function homeTypeLabel(homeType: string | null): string | undefined {
  return homeType ? (HOME_TYPES[homeType as keyof typeof HOME_TYPES] ?? homeType) : undefined;
}

/** "HVB, behandlingshem" */
export function kindOfHomeText(form: string, homeType: string | null): string {
  const type = homeTypeLabel(homeType);
  const formLabel = HVB_FORM_LABELS[form] ?? form;
  return type ? `${formLabel}, ${type.toLowerCase()}` : formLabel;
}

export function orientationText(orientation: string[] | null): string {
  if (!orientation?.length) return 'Uppgift saknas';
  return orientation.map((o) => ORIENTATIONS[o as keyof typeof ORIENTATIONS] ?? o).join(', ');
}

export function agesText(ageMin: number | null, ageMax: number | null): string {
  if (ageMin === null && ageMax === null) return 'Uppgift saknas';
  if (ageMin === null) return `Upp till ${ageMax} år`;
  if (ageMax === null) return `Från ${ageMin} år`;
  return ageMin === ageMax ? `${ageMin} år` : `${ageMin}–${ageMax} år`;
}

export function StatusTag({ status }: { status: string }): JSX.Element {
  return (
    <strong class={`govuk-tag vaka-tag vaka-status--${status}`} safe>
      {statusLabel(status)}
    </strong>
  );
}
