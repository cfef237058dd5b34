// How each form of operation looks in the demo world: how many units, who runs them, how big they are,
// which channels and risk areas their signals come through, how often they are inspected.
// Numbers follow the seeds (DOMAIN.md "Scale") where given, and plausible Swedish proportions elsewhere.
import type { LegalForm, RiskArea, SignalChannel, UnitForm } from '../registry/codes.ts';

export type Sector = 'health' | 'social';
export type PublicOwner = 'kommun' | 'region';

export interface SizeProfile {
  median: number;
  sigma: number; // sd of log(size)
  min: number;
  max: number;
}

/** Words used in signal texts: "Personalen skriker på {plural}", "{one} föll", "för lite personal {at}". */
export interface People {
  plural: string;
  one: string;
  at: string;
  ageMin: number;
  ageMax: number;
}

/** One kind of unit. Most forms have a single profile; `other` has many (physiotherapy, short-term LSS stays …). */
export interface UnitProfile {
  form: UnitForm;
  variant: string;
  /** Relative weight among the form's variants. */
  weight: number;
  sector: Sector;
  publicOwner: PublicOwner | null;
  /** Share run by the kommun/region; the rest is private. */
  publicShare: number;
  /** Of the privately run: share belonging to a chain (group of companies). */
  chainShare: number;
  /** Of the privately run outside chains: share run by associations and foundations. */
  associationShare: number;
  /** Permit-requiring legal form when privately run (SoL/LSS). */
  privatePermit?: LegalForm;
  size: SizeProfile;
  /** Residential forms count places: capacity = permitted places, size = average occupancy. */
  residential: boolean;
  /** Relative signals per unit-year for a unit of average size; scaled to the world's target total. */
  signalIntensity: number;
  channelMix: Partial<Record<SignalChannel, number>>;
  riskAreas: Partial<Record<RiskArea, number>>;
  /** Planned inspections per unit-year (relative; scaled so ~10% of units are inspected a year). */
  inspectionsPerYear: number;
  /** Relative chance of being picked as a deteriorating unit. */
  truthWeight: number;
  operationCodes?: string[];
  people: People;
}

/**
 * Operation codes of the healthcare provider register. B18/B19 are IVO's codes for aesthetic surgery and
 * aesthetic injections (seed 003). The others are illustrative stand-ins: IVO's full list is not in our
 * reference data.
 */
export const OPERATION_CODES = {
  A10: 'Primärvård',
  A15: 'Mödra- och barnhälsovård',
  A20: 'Specialiserad somatisk vård',
  A30: 'Psykiatrisk vård',
  A40: 'Tandvård',
  A50: 'Rehabilitering och fysioterapi',
  A60: 'Diagnostik (laboratorium, röntgen)',
  A70: 'Ambulanssjukvård',
  A80: 'Kommunal hälso- och sjukvård',
  A90: 'Företagshälsovård',
  A95: 'Apoteksverksamhet',
  B18: 'Estetiska kirurgiska ingrepp',
  B19: 'Estetiska injektionsbehandlingar',
} as const;

const HEALTH_CHANNELS: Partial<Record<SignalChannel, number>> = {
  tip: 25, complaint: 35, lex_maria: 12, inquiry: 10, media: 2, police: 1, work_environment: 3, other: 4, child_line: 0.3,
};
// Lex Maria is healthcare's reporting duty, lex Sarah social services' and LSS': never the other way round.
const SOCIAL_CHANNELS: Partial<Record<SignalChannel, number>> = {
  tip: 35, complaint: 5, lex_sarah: 20, inquiry: 10, unexecuted_decision: 12, work_environment: 4, police: 1.5, media: 2, other: 4,
};

const patients = (at: string, ageMin = 0, ageMax = 95): People => ({ plural: 'patienterna', one: 'en patient', at, ageMin, ageMax });

const healthBase = {
  sector: 'health' as const,
  associationShare: 0.03,
  residential: false,
  channelMix: HEALTH_CHANNELS,
  inspectionsPerYear: 0.03,
  truthWeight: 0.15,
};
const socialBase = {
  sector: 'social' as const,
  channelMix: SOCIAL_CHANNELS,
};

/** Units per 40,000: the seeds' figures, the rest filled with plausible proportions (sums to 40,000). */
export const UNITS_PER_FORTY_THOUSAND: Record<UnitForm, number> = {
  vardcentral: 1200,
  sjukhus: 95,
  tandvard: 2250, // ~1,000 Folktandvården + ~1,250 private
  apotek: 1300,
  estetisk: 1000,
  psykiatri: 700,
  hvb: 1000,
  stodboende: 400,
  sabo: 1850,
  hemtjanst: 5000,
  personlig_assistans: 2000,
  lss_bostad: 7500,
  lss_daglig: 3500,
  missbruk: 700,
  other: 11505, // small healthcare (physiotherapy, psychologists, specialist clinics) and other SoL/LSS services
};

export const UNIT_PROFILES: Record<UnitForm, UnitProfile[]> = {
  vardcentral: [{
    ...healthBase, form: 'vardcentral', variant: 'vardcentral', weight: 1,
    publicOwner: 'region', publicShare: 0.6, chainShare: 0.5, associationShare: 0.04,
    size: { median: 8000, sigma: 0.45, min: 3000, max: 20000 },
    signalIntensity: 8,
    riskAreas: { access_waiting: 25, care_quality: 25, medication: 10, documentation: 10, dignity_respect: 12, cooperation: 8, management_systems: 5, staffing_competence: 5 },
    inspectionsPerYear: 0.12, truthWeight: 3, operationCodes: ['A10'],
    people: patients('på vårdcentralen'),
  }],
  sjukhus: [{
    ...healthBase, form: 'sjukhus', variant: 'sjukhus', weight: 1,
    publicOwner: 'region', publicShare: 0.9, chainShare: 0.6,
    size: { median: 220, sigma: 0.9, min: 50, max: 1200 },
    signalIntensity: 60,
    channelMix: { ...HEALTH_CHANNELS, lex_maria: 30, complaint: 40 },
    riskAreas: { care_quality: 30, medication: 12, hygiene_infection: 10, cooperation: 12, staffing_competence: 10, documentation: 8, dignity_respect: 8, access_waiting: 5, management_systems: 5 },
    inspectionsPerYear: 0.4, truthWeight: 1, operationCodes: ['A20'],
    people: patients('på avdelningen'),
  }],
  tandvard: [{
    ...healthBase, form: 'tandvard', variant: 'tandvard', weight: 1,
    publicOwner: 'region', publicShare: 1000 / 2250, chainShare: 0.35, associationShare: 0,
    size: { median: 4000, sigma: 0.6, min: 800, max: 16000 },
    signalIntensity: 0.8,
    channelMix: { ...HEALTH_CHANNELS, lex_maria: 4 },
    riskAreas: { care_quality: 40, hygiene_infection: 15, dignity_respect: 15, documentation: 10, access_waiting: 10, dishonest_operator: 3, environment_premises: 7 },
    inspectionsPerYear: 0.04, truthWeight: 0.4, operationCodes: ['A40'],
    people: patients('på kliniken', 3, 90),
  }],
  apotek: [{
    ...healthBase, form: 'apotek', variant: 'apotek', weight: 1,
    publicOwner: null, publicShare: 0, chainShare: 0.88, associationShare: 0,
    size: { median: 300, sigma: 0.5, min: 60, max: 1500 },
    signalIntensity: 0.35,
    channelMix: { ...HEALTH_CHANNELS, lex_maria: 6, complaint: 20, tip: 30, child_line: 0 },
    riskAreas: { medication: 60, dignity_respect: 15, documentation: 10, access_waiting: 10, management_systems: 5 },
    inspectionsPerYear: 0.02, truthWeight: 0.2, operationCodes: ['A95'],
    people: { plural: 'kunderna', one: 'en kund', at: 'på apoteket', ageMin: 18, ageMax: 90 },
  }],
  estetisk: [{
    ...healthBase, form: 'estetisk', variant: 'estetisk', weight: 1,
    publicOwner: null, publicShare: 0, chainShare: 0.12, associationShare: 0,
    size: { median: 500, sigma: 0.7, min: 50, max: 4000 },
    signalIntensity: 0.6,
    channelMix: { ...HEALTH_CHANNELS, lex_maria: 4, tip: 35, complaint: 25, media: 4, child_line: 0 },
    riskAreas: { care_quality: 35, hygiene_infection: 20, dishonest_operator: 15, staffing_competence: 15, documentation: 10, dignity_respect: 5 },
    inspectionsPerYear: 0.06, truthWeight: 0.6,
    people: { plural: 'kunderna', one: 'en kund', at: 'på kliniken', ageMin: 18, ageMax: 65 },
  }],
  psykiatri: [{
    ...healthBase, form: 'psykiatri', variant: 'psykiatri', weight: 1,
    publicOwner: 'region', publicShare: 0.75, chainShare: 0.4, associationShare: 0.1,
    size: { median: 900, sigma: 0.7, min: 100, max: 6000 },
    signalIntensity: 6,
    channelMix: { ...HEALTH_CHANNELS, lex_maria: 18, child_line: 3, police: 3 },
    riskAreas: { care_quality: 25, safety_abuse: 20, cooperation: 15, access_waiting: 10, medication: 10, dignity_respect: 10, documentation: 5, staffing_competence: 5 },
    inspectionsPerYear: 0.25, truthWeight: 1.5, operationCodes: ['A30'],
    people: patients('på avdelningen', 12, 80),
  }],
  hvb: [{
    ...socialBase, form: 'hvb', variant: 'hvb', weight: 1,
    publicOwner: 'kommun', publicShare: 0.1, chainShare: 0.3, associationShare: 0.15, privatePermit: 'hvb_barn',
    size: { median: 8, sigma: 0.4, min: 3, max: 20 }, residential: true,
    signalIntensity: 7,
    channelMix: { ...SOCIAL_CHANNELS, child_line: 25, police: 6, media: 3, unexecuted_decision: 0 },
    riskAreas: { safety_abuse: 30, staffing_competence: 20, care_quality: 15, cooperation: 10, dignity_respect: 10, environment_premises: 5, management_systems: 5, dishonest_operator: 3, medication: 2 },
    inspectionsPerYear: 0.9, truthWeight: 5,
    people: { plural: 'ungdomarna', one: 'en ungdom', at: 'på hemmet', ageMin: 13, ageMax: 20 },
  }],
  stodboende: [{
    ...socialBase, form: 'stodboende', variant: 'stodboende', weight: 1,
    publicOwner: 'kommun', publicShare: 0.25, chainShare: 0.3, associationShare: 0.15, privatePermit: 'stodboende',
    size: { median: 10, sigma: 0.45, min: 4, max: 30 }, residential: true,
    signalIntensity: 3,
    channelMix: { ...SOCIAL_CHANNELS, child_line: 18, police: 4, unexecuted_decision: 5 },
    riskAreas: { safety_abuse: 20, staffing_competence: 20, care_quality: 20, cooperation: 10, dignity_respect: 10, environment_premises: 10, management_systems: 10 },
    inspectionsPerYear: 0.5, truthWeight: 2,
    people: { plural: 'ungdomarna', one: 'en ungdom', at: 'på stödboendet', ageMin: 16, ageMax: 20 },
  }],
  sabo: [{
    ...socialBase, form: 'sabo', variant: 'sabo', weight: 1,
    publicOwner: 'kommun', publicShare: 0.75, chainShare: 0.8, associationShare: 0.15, privatePermit: 'sabo',
    size: { median: 50, sigma: 0.45, min: 20, max: 120 }, residential: true,
    signalIntensity: 4,
    channelMix: { ...SOCIAL_CHANNELS, unexecuted_decision: 15 },
    riskAreas: { care_quality: 20, medication: 15, staffing_competence: 20, dignity_respect: 15, hygiene_infection: 8, safety_abuse: 8, documentation: 5, environment_premises: 4, management_systems: 5 },
    inspectionsPerYear: 0.2, truthWeight: 3, operationCodes: ['A80'],
    people: { plural: 'de boende', one: 'en boende', at: 'på boendet', ageMin: 70, ageMax: 100 },
  }],
  hemtjanst: [{
    ...socialBase, form: 'hemtjanst', variant: 'hemtjanst', weight: 1,
    publicOwner: 'kommun', publicShare: 0.65, chainShare: 0.4, associationShare: 0.03, privatePermit: 'hemtjanst',
    size: { median: 90, sigma: 0.7, min: 15, max: 500 }, residential: false,
    signalIntensity: 2.5,
    channelMix: { ...SOCIAL_CHANNELS, unexecuted_decision: 8 },
    riskAreas: { care_quality: 20, staffing_competence: 25, dignity_respect: 15, medication: 12, cooperation: 10, documentation: 5, safety_abuse: 5, management_systems: 8 },
    inspectionsPerYear: 0.08, truthWeight: 1.5,
    people: { plural: 'brukarna', one: 'en brukare', at: 'i hemtjänsten', ageMin: 65, ageMax: 98 },
  }],
  personlig_assistans: [{
    ...socialBase, form: 'personlig_assistans', variant: 'personlig_assistans', weight: 1,
    publicOwner: 'kommun', publicShare: 0.2, chainShare: 0.35, associationShare: 0.08, privatePermit: 'personlig_assistans',
    size: { median: 8, sigma: 1.0, min: 1, max: 150 }, residential: false,
    signalIntensity: 1,
    channelMix: { ...SOCIAL_CHANNELS, unexecuted_decision: 6, police: 2 },
    riskAreas: { dishonest_operator: 25, staffing_competence: 25, care_quality: 20, dignity_respect: 10, management_systems: 10, documentation: 10 },
    inspectionsPerYear: 0.12, truthWeight: 1,
    people: { plural: 'brukarna', one: 'en brukare', at: 'i assistansen', ageMin: 5, ageMax: 70 },
  }],
  lss_bostad: [{
    ...socialBase, form: 'lss_bostad', variant: 'lss_bostad', weight: 1,
    publicOwner: 'kommun', publicShare: 0.75, chainShare: 0.55, associationShare: 0.15, privatePermit: 'bostad_vuxna_lss',
    size: { median: 5, sigma: 0.2, min: 3, max: 8 }, residential: true,
    signalIntensity: 0.9,
    channelMix: { ...SOCIAL_CHANNELS, child_line: 1, unexecuted_decision: 20 },
    riskAreas: { safety_abuse: 20, care_quality: 20, staffing_competence: 20, dignity_respect: 20, medication: 8, management_systems: 7, environment_premises: 5 },
    inspectionsPerYear: 0.1, truthWeight: 1,
    people: { plural: 'de boende', one: 'en boende', at: 'i gruppbostaden', ageMin: 18, ageMax: 75 },
  }],
  lss_daglig: [{
    ...socialBase, form: 'lss_daglig', variant: 'lss_daglig', weight: 1,
    publicOwner: 'kommun', publicShare: 0.75, chainShare: 0.45, associationShare: 0.2, privatePermit: 'daglig_verksamhet',
    size: { median: 20, sigma: 0.5, min: 5, max: 80 }, residential: false,
    signalIntensity: 0.6,
    channelMix: { ...SOCIAL_CHANNELS, unexecuted_decision: 12 },
    riskAreas: { care_quality: 25, dignity_respect: 25, safety_abuse: 15, staffing_competence: 15, environment_premises: 10, management_systems: 10 },
    inspectionsPerYear: 0.06, truthWeight: 0.5,
    people: { plural: 'deltagarna', one: 'en deltagare', at: 'i den dagliga verksamheten', ageMin: 19, ageMax: 65 },
  }],
  missbruk: [{
    ...socialBase, form: 'missbruk', variant: 'missbruk', weight: 1,
    publicOwner: 'kommun', publicShare: 0.25, chainShare: 0.35, associationShare: 0.35, privatePermit: 'hvb_vuxna',
    size: { median: 16, sigma: 0.5, min: 5, max: 60 }, residential: true,
    signalIntensity: 3,
    channelMix: { ...SOCIAL_CHANNELS, police: 4, unexecuted_decision: 0 },
    riskAreas: { care_quality: 25, safety_abuse: 20, medication: 15, staffing_competence: 15, cooperation: 10, management_systems: 10, dishonest_operator: 5 },
    inspectionsPerYear: 0.3, truthWeight: 1.5,
    people: { plural: 'klienterna', one: 'en klient', at: 'på behandlingshemmet', ageMin: 20, ageMax: 65 },
  }],
  other: [
    // Healthcare
    otherHealth('fysioterapi', 24, 'region', 0.15, { median: 1500, sigma: 0.6, min: 200, max: 8000 }, ['A50']),
    otherHealth('psykologmottagning', 14, 'region', 0.1, { median: 400, sigma: 0.6, min: 50, max: 3000 }, ['A30']),
    otherHealth('specialistmottagning', 20, 'region', 0.4, { median: 2500, sigma: 0.7, min: 300, max: 15000 }, ['A20']),
    otherHealth('barnhalsovard', 7, 'region', 0.7, { median: 600, sigma: 0.5, min: 100, max: 3000 }, ['A15']),
    otherHealth('foretagshalsovard', 6, null, 0, { median: 3000, sigma: 0.7, min: 300, max: 20000 }, ['A90'], 0.3),
    otherHealth('diagnostik', 4, 'region', 0.5, { median: 8000, sigma: 0.8, min: 1000, max: 60000 }, ['A60']),
    { ...otherHealth('ambulans', 2, 'region', 0.85, { median: 20000, sigma: 0.6, min: 3000, max: 100000 }, ['A70']), signalIntensity: 3 },
    { ...otherHealth('hemsjukvard', 5, 'kommun', 1, { median: 150, sigma: 0.5, min: 30, max: 800 }, ['A80']), signalIntensity: 1.5 },
    otherHealth('sprutbyte', 0.25, 'region', 1, { median: 300, sigma: 0.5, min: 50, max: 1500 }, ['A20']),
    otherHealth('omskarelse', 0.05, null, 0, { median: 100, sigma: 0.5, min: 20, max: 500 }, ['A20'], 0),
    // Social services and LSS outside the main forms
    otherSocial('korttidsvistelse', 5, 0.7, { median: 10, sigma: 0.4, min: 3, max: 30 }, true, 'korttidsvistelse'),
    otherSocial('korttidstillsyn', 1.5, 0.7, { median: 12, sigma: 0.4, min: 4, max: 30 }, false, 'korttidstillsyn'),
    otherSocial('familjehemsvard', 2.5, 0, { median: 25, sigma: 0.6, min: 5, max: 120 }, false, 'familjehemsvard'),
    otherSocial('ledsagarservice', 1, 0.5, { median: 30, sigma: 0.6, min: 5, max: 150 }, false, 'ledsagarservice'),
    otherSocial('avlosarservice', 1, 0.5, { median: 20, sigma: 0.6, min: 5, max: 100 }, false, 'avlosarservice'),
    otherSocial('kontaktperson', 0.6, 0.5, { median: 40, sigma: 0.6, min: 5, max: 200 }, false, 'kontaktperson'),
    otherSocial('boende_funktionsnedsattning', 3.5, 0.6, { median: 12, sigma: 0.4, min: 4, max: 30 }, true, 'boende_funktionsnedsattning'),
    otherSocial('dagverksamhet_sol', 1.6, 0.6, { median: 20, sigma: 0.5, min: 5, max: 60 }, false, 'dagverksamhet_sol'),
  ],
};

function otherHealth(
  variant: string, weight: number, publicOwner: PublicOwner | null, publicShare: number, size: SizeProfile,
  operationCodes: string[], chainShare = 0.1,
): UnitProfile {
  return {
    ...healthBase, form: 'other', variant, weight, publicOwner, publicShare, chainShare, size,
    signalIntensity: 0.3,
    riskAreas: { care_quality: 35, documentation: 15, hygiene_infection: 10, dignity_respect: 15, access_waiting: 10, dishonest_operator: 5, staffing_competence: 5, medication: 5 },
    operationCodes,
    people: patients('på mottagningen', 0, 90),
  };
}

function otherSocial(variant: string, weight: number, publicShare: number, size: SizeProfile, residential: boolean, privatePermit: LegalForm): UnitProfile {
  return {
    ...socialBase, form: 'other', variant, weight, publicOwner: 'kommun', publicShare, chainShare: 0.3, associationShare: 0.15,
    privatePermit, size, residential,
    signalIntensity: 0.8,
    channelMix: { ...SOCIAL_CHANNELS, unexecuted_decision: publicShare > 0 ? 8 : 0, child_line: variant.startsWith('kort') ? 2 : 0 },
    riskAreas: { care_quality: 25, safety_abuse: 15, staffing_competence: 20, dignity_respect: 20, management_systems: 10, documentation: 10 },
    inspectionsPerYear: 0.12, truthWeight: 0.5,
    people: { plural: 'brukarna', one: 'en brukare', at: 'i verksamheten', ageMin: 5, ageMax: 80 },
  };
}

/** Healthcare permits held whoever runs the unit: share of a form's units that hold them. */
export const HEALTH_PERMITS: { form: UnitForm; variant?: string; legalForm: LegalForm; share: number }[] = [
  { form: 'sjukhus', legalForm: 'blodverksamhet', share: 0.35 },
  { form: 'sjukhus', legalForm: 'abort', share: 0.3 },
  { form: 'sjukhus', legalForm: 'vavnadsinrattning', share: 0.12 },
  { form: 'other', variant: 'sprutbyte', legalForm: 'sprutbyte', share: 1 },
  { form: 'other', variant: 'omskarelse', legalForm: 'omskarelse', share: 1 },
];

/**
 * ~150,000 signals for 40,000 units over 2022-01-01 … 2026-10-31 (4.83 years), i.e. per unit-year; scales
 * linearly with units and with the length of the history.
 */
export const SIGNALS_PER_UNIT_YEAR = 150_000 / 40_000 / 4.83;
/** Part of that total drawn as Poisson signals; inspection findings and planted truth make up the rest. */
export const POISSON_SIGNAL_SHARE = 0.93;
/** Share of units inspected per year on plan (reactive inspections come on top). */
export const PLANNED_INSPECTION_SHARE = 0.09;
