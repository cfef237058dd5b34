// Which reporting duty a unit falls under: lex Maria for healthcare, lex Sarah for social services and LSS.

export const REPORT_KINDS = {
  lex_maria: {
    label: 'Lex Maria',
    /** In running text. */
    name: 'lex Maria',
    title: 'Anmälan enligt lex Maria',
    lead: 'En händelse i hälso- och sjukvården som har medfört eller hade kunnat medföra en allvarlig vårdskada.',
    law: 'patientsäkerhetslagen',
    subject: 'patienten',
  },
  lex_sarah: {
    label: 'Lex Sarah',
    name: 'lex Sarah',
    title: 'Anmälan enligt lex Sarah',
    lead: 'Ett allvarligt missförhållande, eller en påtaglig risk för ett allvarligt missförhållande, i socialtjänsten eller verksamhet enligt LSS.',
    law: 'socialtjänstlagen och LSS',
    subject: 'den enskilde',
  },
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && Object.hasOwn(REPORT_KINDS, value);
}

/** Forms of operation that are healthcare (hälso- och sjukvård): lex Maria. */
export const HEALTHCARE_FORMS: readonly string[] = ['vardcentral', 'sjukhus', 'tandvard', 'apotek', 'estetisk', 'psykiatri'];
/** Forms of operation under the Social Services Act or LSS: lex Sarah. */
export const SOCIAL_SERVICES_FORMS: readonly string[] = ['hvb', 'stodboende', 'sabo', 'hemtjanst', 'personlig_assistans', 'lss_bostad', 'lss_daglig', 'missbruk'];

export interface UnitForReportKind {
  form: string;
  /** Operation codes of the healthcare provider register: a unit that has them also gives healthcare. */
  operation_codes: string[] | null;
}

/**
 * The reports a unit can be the subject of. Healthcare forms: lex Maria only. Social services and LSS forms:
 * lex Sarah, and lex Maria as well when the unit is in the healthcare provider register (operation codes),
 * as a särskilt boende with kommunal hälso- och sjukvård is. `other`: by whether it has operation codes.
 */
export function reportKindsForUnit(unit: UnitForReportKind): ReportKind[] {
  const givesHealthcare = (unit.operation_codes?.length ?? 0) > 0;
  if (HEALTHCARE_FORMS.includes(unit.form)) return ['lex_maria'];
  if (SOCIAL_SERVICES_FORMS.includes(unit.form)) return givesHealthcare ? ['lex_sarah', 'lex_maria'] : ['lex_sarah'];
  return givesHealthcare ? ['lex_maria'] : ['lex_sarah'];
}

/** Why a unit cannot be the subject of a report of this kind, in Swedish; null when it can. */
export function wrongKindMessage(kind: ReportKind, unit: UnitForReportKind & { name: string }): string | null {
  if (reportKindsForUnit(unit).includes(kind)) return null;
  return kind === 'lex_sarah'
    ? `${unit.name} är hälso- och sjukvård. Lex Sarah gäller socialtjänst och LSS – anmäl händelsen enligt lex Maria i stället.`
    : `${unit.name} är socialtjänst eller LSS. Lex Maria gäller hälso- och sjukvård – anmäl händelsen enligt lex Sarah i stället.`;
}
