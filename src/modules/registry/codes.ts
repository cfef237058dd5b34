// Code lists of the register. Labels are the Swedish words the public and staff see.

/** Forms of operation (exchange format `units.form`). */
export const UNIT_FORMS = {
  vardcentral: 'Vårdcentral',
  sjukhus: 'Sjukhus',
  tandvard: 'Tandvård',
  apotek: 'Apotek',
  estetisk: 'Estetisk verksamhet',
  psykiatri: 'Psykiatri',
  hvb: 'HVB (hem för vård eller boende)',
  stodboende: 'Stödboende',
  sabo: 'Särskilt boende för äldre',
  hemtjanst: 'Hemtjänst',
  personlig_assistans: 'Personlig assistans',
  lss_bostad: 'Bostad med särskild service (LSS)',
  lss_daglig: 'Daglig verksamhet (LSS)',
  missbruk: 'Missbruks- och beroendevård',
  other: 'Övrig verksamhet',
} as const;
export type UnitForm = keyof typeof UNIT_FORMS;

/** Permit-requiring legal forms: 18 under SoL and LSS, 5 in healthcare. */
export const LEGAL_FORMS = {
  // Socialtjänstlagen (SoL)
  hvb_barn: { law: 'SoL', label: 'Hem för vård eller boende för barn och unga' },
  hvb_vuxna: { law: 'SoL', label: 'Hem för vård eller boende för vuxna' },
  stodboende: { law: 'SoL', label: 'Stödboende för barn och unga 16–20 år' },
  skyddat_boende: { law: 'SoL', label: 'Skyddat boende' },
  familjehemsvard: { law: 'SoL', label: 'Konsulentstödd familjehemsvård' },
  sabo: { law: 'SoL', label: 'Särskilt boende för äldre' },
  hemtjanst: { law: 'SoL', label: 'Hemtjänst' },
  boende_funktionsnedsattning: { law: 'SoL', label: 'Boende för personer med funktionsnedsättning' },
  dagverksamhet_sol: { law: 'SoL', label: 'Dagverksamhet för personer med funktionsnedsättning' },
  // Lagen om stöd och service till vissa funktionshindrade (LSS)
  personlig_assistans: { law: 'LSS', label: 'Personlig assistans' },
  ledsagarservice: { law: 'LSS', label: 'Ledsagarservice' },
  kontaktperson: { law: 'LSS', label: 'Biträde av kontaktperson' },
  avlosarservice: { law: 'LSS', label: 'Avlösarservice i hemmet' },
  korttidsvistelse: { law: 'LSS', label: 'Korttidsvistelse utanför det egna hemmet' },
  korttidstillsyn: { law: 'LSS', label: 'Korttidstillsyn för skolungdom över 12 år' },
  bostad_barn_lss: { law: 'LSS', label: 'Bostad med särskild service för barn eller ungdomar' },
  bostad_vuxna_lss: { law: 'LSS', label: 'Bostad med särskild service för vuxna' },
  daglig_verksamhet: { law: 'LSS', label: 'Daglig verksamhet' },
  // Hälso- och sjukvård
  blodverksamhet: { law: 'HSL', label: 'Blodverksamhet' },
  abort: { law: 'HSL', label: 'Abort' },
  vavnadsinrattning: { law: 'HSL', label: 'Vävnadsinrättning' },
  sprutbyte: { law: 'HSL', label: 'Sprutbytesverksamhet' },
  omskarelse: { law: 'HSL', label: 'Omskärelse av pojkar (utan läkarlegitimation)' },
} as const;
export type LegalForm = keyof typeof LEGAL_FORMS;

/** Permit statuses and what they mean, in plain Swedish for the public list. */
export const PERMIT_STATUSES = {
  active: { label: 'Aktivt tillstånd', explanation: 'Verksamheten har tillstånd från IVO och får ta emot placeringar.' },
  dormant: { label: 'Vilande', explanation: 'Verksamheten har tillstånd men bedriver just nu ingen verksamhet. Den tar inte emot några placeringar.' },
  banned: { label: 'Förbud', explanation: 'IVO har förbjudit verksamheten att fortsätta. Den får inte ta emot placeringar.' },
  revoked: { label: 'Återkallat tillstånd', explanation: 'IVO har återkallat tillståndet. Verksamheten får inte längre bedrivas.' },
  inhibition: { label: 'Inhibition', explanation: 'IVO har fattat ett beslut om förbud eller återkallelse, men domstolen har tills vidare stoppat beslutet. Verksamheten får fortsätta medan domstolen prövar saken.' },
  appeal_pending: { label: 'Överklagat beslut', explanation: 'IVO har fattat ett beslut om förbud eller återkallelse som verksamheten har överklagat. Domstolen har ännu inte avgjort saken.' },
} as const;
export type PermitStatus = keyof typeof PERMIT_STATUSES;

/**
 * A home's status in the public register: its current permit's, or that it has none of its own (a kommun or
 * region runs it, which needs no permit from IVO). The public must not read "Aktivt tillstånd" for a permit
 * that does not exist.
 */
export const HOME_STATUSES = {
  ...PERMIT_STATUSES,
  no_own_permit: {
    label: 'Inget eget tillstånd',
    explanation: 'Det finns inget eget tillstånd registrerat för hemmet, till exempel för att en kommun eller region driver det. Hemmet står ändå under IVO:s tillsyn.',
  },
} as const;

export const PROVIDER_KINDS = {
  region: 'Region',
  kommun: 'Kommun',
  company: 'Företag',
  association: 'Förening eller stiftelse',
  other: 'Annan',
} as const;
export type ProviderKind = keyof typeof PROVIDER_KINDS;

export const ORIENTATIONS = {
  psykosocial: 'Psykosocial problematik',
  missbruk: 'Missbruk och beroende',
  npf: 'Neuropsykiatriska funktionsnedsättningar',
  kriminalitet: 'Normbrytande beteende och kriminalitet',
  ensamkommande: 'Ensamkommande barn och unga',
  hedersrelaterat: 'Hedersrelaterat våld och förtryck',
  psykisk_ohalsa: 'Psykisk ohälsa',
  funktionsnedsattning: 'Intellektuell funktionsnedsättning',
  aldre: 'Äldre',
  somatik: 'Somatisk vård',
} as const;
export type Orientation = keyof typeof ORIENTATIONS;

export const HOME_TYPES = {
  behandlingshem: 'Behandlingshem',
  utredningshem: 'Utredningshem',
  akuthem: 'Akut- och jourhem',
  boende: 'Boende utan behandling',
  skyddat: 'Skyddat boende',
  stodlagenheter: 'Stödboende i lägenheter',
} as const;
export type HomeType = keyof typeof HOME_TYPES;

export const SIGNAL_CHANNELS = [
  'tip', 'child_line', 'inquiry', 'complaint', 'lex_maria', 'lex_sarah', 'unexecuted_decision',
  'work_environment', 'police', 'media', 'inspection_finding', 'other',
] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];

/** What each way in is called on Swedish pages. */
export const SIGNAL_CHANNEL_LABELS: Record<string, string> = {
  tip: 'Tips',
  child_line: 'Barn- och ungdomslinjen',
  inquiry: 'Upplysningstjänsten',
  complaint: 'Klagomål',
  lex_maria: 'Lex Maria',
  lex_sarah: 'Lex Sarah',
  unexecuted_decision: 'Ej verkställt beslut',
  work_environment: 'Arbetsmiljöverket',
  police: 'Polisen',
  media: 'Media',
  inspection_finding: 'Egen iakttagelse vid inspektion',
  other: 'Övrigt',
} satisfies Record<SignalChannel, string>;

export const RISK_AREAS = {
  care_quality: 'Vård och behandling',
  medication: 'Läkemedelshantering',
  staffing_competence: 'Bemanning och kompetens',
  safety_abuse: 'Våld, övergrepp, hot och tvång',
  hygiene_infection: 'Hygien och smittskydd',
  cooperation: 'Samverkan och informationsöverföring',
  access_waiting: 'Tillgänglighet och väntetider',
  dignity_respect: 'Bemötande, delaktighet och integritet',
  documentation: 'Dokumentation och journalföring',
  environment_premises: 'Lokaler, miljö och utrustning',
  management_systems: 'Ledning, avvikelsehantering och kvalitetsarbete',
  dishonest_operator: 'Oseriös aktör och ekonomisk brottslighet',
} as const;
export type RiskArea = keyof typeof RISK_AREAS;

export const URGENCIES = ['acute', 'high', 'normal'] as const;
export const INSPECTION_OUTCOMES = ['no_remarks', 'criticism', 'demand_actions', 'injunction', 'ban', 'revocation'] as const;
export const NOTIFICATION_KINDS = ['new', 'change', 'closure'] as const;
export const INDICATOR_DIRECTIONS = ['higher_better', 'lower_better'] as const;
