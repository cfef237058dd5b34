// Invented but plausible Swedish names for places, units, companies and streets. No real company names.
import type { Random } from './random.ts';

const PLACE_STEMS = [
  'Björk', 'Ek', 'Lind', 'Gran', 'Tall', 'Sol', 'Äng', 'Käll', 'Sjö', 'Haga', 'Åker', 'Ros', 'Lärk', 'Hassel',
  'Asp', 'Al', 'Lönn', 'Rönn', 'Sälg', 'Furu', 'Berg', 'Ström', 'Vik', 'Näs', 'Holm', 'Dal', 'Skog', 'Ljung',
  'Blåbärs', 'Lingon', 'Vall', 'Fager', 'Ljus', 'Gull', 'Stjärn', 'Klöver', 'Vide', 'Strand', 'Lugn', 'Mos',
  'Kvarn', 'Mål', 'Bäck', 'Hem', 'Ängs', 'Sten', 'Kastanj', 'Hägg', 'Vinter', 'Sommar', 'Eken', 'Ny',
] as const;
const PLACE_ENDINGS = [
  'hagen', 'backen', 'gården', 'ängen', 'dalen', 'udden', 'lunden', 'höjden', 'åsen', 'viken', 'torp',
  'gläntan', 'holmen', 'berget', 'liden', 'näset', 'parken', 'bo', 'hemmet', 'stugan',
] as const;
const FLOWERS = [
  'Solrosen', 'Vitsippan', 'Blåklockan', 'Liljekonvaljen', 'Prästkragen', 'Kastanjen', 'Lönnen', 'Lärkan',
  'Svalan', 'Tranan', 'Näktergalen', 'Linnean', 'Gullvivan', 'Kaprifolen', 'Syrenen', 'Rönnbäret',
  'Hästhoven', 'Smörblomman', 'Kornblomman', 'Vallmon', 'Måsen', 'Ekorren', 'Ljungen', 'Nyponet',
] as const;
export const SURNAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg',
  'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg',
  'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman',
  'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg',
  'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Nordström', 'Mårtensson',
  'Lundström', 'Viklund', 'Björklund', 'Eliasson', 'Pålsson', 'Berggren', 'Sandström', 'Nordin', 'Åberg',
  'Hermansson', 'Ekström', 'Holmgren', 'Sundberg', 'Hedlund', 'Dahlberg', 'Hellström', 'Sjögren', 'Öberg',
] as const;
const STREETS_GATAN = [
  'Storgatan', 'Kyrkogatan', 'Skolgatan', 'Järnvägsgatan', 'Drottninggatan', 'Kungsgatan', 'Tullgatan',
  'Hamngatan', 'Parkgatan', 'Sjögatan', 'Bruksgatan', 'Trädgårdsgatan', 'Prästgårdsgatan', 'Nygatan',
  'Östra Långgatan', 'Västra Vägen', 'Industrigatan', 'Verkstadsgatan', 'Stationsgatan', 'Torggatan',
] as const;
const STREET_ENDINGS = ['vägen', 'vägen', 'vägen', 'gatan', 'stigen', 'gränd', 'allén', 'backe'] as const;

/** A definite place-like name: "Björkhagen", "Solgläntan", "Ekbacken". */
export function makePlaceName(random: Random): string {
  return random.pick(PLACE_STEMS) + random.pick(PLACE_ENDINGS);
}

export function makeFlowerName(random: Random): string {
  return random.pick(FLOWERS);
}

export function makeStreet(random: Random): string {
  const name = random.chance(0.35)
    ? random.pick(STREETS_GATAN)
    : random.pick(PLACE_STEMS).replace(/s$/, '') + random.pick(STREET_ENDINGS);
  const number = random.int(1, 79);
  return `${name} ${number}${random.chance(0.1) ? random.pick(['A', 'B', 'C']) : ''}`;
}

/** Genitive: "Björkhagen" → "Björkhagens", "Solrosen" → "Solrosens", "Lärkan" → "Lärkans", "Mos" → "Mos". */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** Lower-case ASCII slug for invented e-mail domains and web paths. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/\b(ab|hb)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Telephone numbers only from the ranges PTS reserves for fiction and examples, so demo data never reaches
 * a real subscriber: 08-46 500 4xx, 031-390 06xx, 040-628 04xx,
 * 0980-319 2xx and mobile 070-174 06 05…99.
 */
export function makePhone(random: Random, countyCode: string): string {
  const last = String(random.int(5, 99)).padStart(2, '0');
  switch (countyCode) {
    case '01': return `08-465 004 ${last}`;
    case '14': return `031-390 06 ${last}`;
    case '12': return `040-628 04 ${last}`;
    case '25': return `0980-319 2${last}`;
    default: return `070-174 06 ${last}`;
  }
}

/** Invented addresses end in the reserved .example top-level domain (RFC 2606), so no mail leaves a demo. */
export function makeDomain(name: string): string {
  return `${slugify(name)}.example`;
}

/** A group of companies (or a multi-unit foundation) running units of the given forms, invented. */
export interface ChainDefinition {
  parent: string | null; // holding company, if any
  kind: 'company' | 'association';
  /** Brand used in unit names for forms where chains brand their units (pharmacies, dental, clinics). */
  brand: string;
  weight: number; // relative share of the chain market in its forms
  companies: { name: string; forms: string[] }[]; // forms as "form" or "form/variant"
}

export const CHAINS: ChainDefinition[] = [
  {
    parent: 'Omsorgsgruppen Norden AB', kind: 'company', brand: 'Omsorgsgruppen', weight: 5,
    companies: [
      { name: 'Omsorgsgruppen Äldreomsorg AB', forms: ['sabo', 'hemtjanst'] },
      { name: 'Omsorgsgruppen Barn och Unga AB', forms: ['hvb', 'stodboende', 'other/familjehemsvard'] },
      { name: 'Omsorgsgruppen LSS AB', forms: ['lss_bostad', 'lss_daglig', 'other/korttidsvistelse', 'other/korttidstillsyn', 'other/boende_funktionsnedsattning', 'other/dagverksamhet_sol'] },
      { name: 'Omsorgsgruppen Assistans AB', forms: ['personlig_assistans', 'other/ledsagarservice', 'other/avlosarservice', 'other/kontaktperson'] },
    ],
  },
  {
    parent: 'Trygghetshemmen Sverige AB', kind: 'company', brand: 'Trygghetshemmen', weight: 4,
    companies: [
      { name: 'Trygghetshemmen Omsorg AB', forms: ['sabo', 'hemtjanst'] },
      { name: 'Trygghetshemmen Funktionsstöd AB', forms: ['lss_bostad', 'lss_daglig', 'other/korttidsvistelse', 'other/boende_funktionsnedsattning'] },
    ],
  },
  {
    parent: 'Nordvård Holding AB', kind: 'company', brand: 'Nordvård', weight: 4,
    companies: [
      { name: 'Nordvård Primärvård AB', forms: ['vardcentral', 'other/barnhalsovard'] },
      { name: 'Nordvård Specialistvård AB', forms: ['sjukhus', 'psykiatri', 'other/specialistmottagning', 'other/diagnostik', 'other/ambulans'] },
      { name: 'Nordvård Beroendevård AB', forms: ['missbruk'] },
    ],
  },
  {
    parent: null, kind: 'company', brand: 'Hälsokraft', weight: 3,
    companies: [{ name: 'Hälsokraft Vård AB', forms: ['vardcentral', 'psykiatri', 'other/fysioterapi', 'other/psykologmottagning', 'other/specialistmottagning', 'other/foretagshalsovard'] }],
  },
  {
    parent: 'Vägvisaren Gruppen AB', kind: 'company', brand: 'Vägvisaren', weight: 3,
    companies: [
      { name: 'Vägvisaren Ungdomsvård AB', forms: ['hvb', 'stodboende'] },
      { name: 'Vägvisaren Familjehem AB', forms: ['other/familjehemsvard'] },
      { name: 'Vägvisaren Vuxenvård AB', forms: ['missbruk', 'other/boende_funktionsnedsattning'] },
    ],
  },
  {
    parent: null, kind: 'company', brand: 'Lindängens behandlingshem', weight: 2,
    companies: [{ name: 'Lindängens Behandlingshem AB', forms: ['hvb', 'stodboende', 'missbruk'] }],
  },
  {
    parent: 'Assistansbolaget Vardag Holding AB', kind: 'company', brand: 'Vardag Assistans', weight: 3,
    companies: [
      { name: 'Assistansbolaget Vardag AB', forms: ['personlig_assistans', 'other/ledsagarservice', 'other/avlosarservice'] },
      { name: 'Vardag Boende och Daglig verksamhet AB', forms: ['lss_bostad', 'lss_daglig', 'hemtjanst'] },
    ],
  },
  {
    parent: null, kind: 'company', brand: 'Frihet Assistans', weight: 2,
    companies: [{ name: 'Frihet Assistans Sverige AB', forms: ['personlig_assistans', 'other/kontaktperson'] }],
  },
  {
    parent: null, kind: 'company', brand: 'Lejonet Tandvård', weight: 3,
    companies: [{ name: 'Tandvårdsgruppen Lejonet AB', forms: ['tandvard'] }],
  },
  {
    parent: 'Leendet Holding AB', kind: 'company', brand: 'Leendet', weight: 2,
    companies: [
      { name: 'Leendet Tandvård Syd AB', forms: ['tandvard'] },
      { name: 'Leendet Tandvård Norr AB', forms: ['tandvard'] },
    ],
  },
  { parent: null, kind: 'company', brand: 'Apoteket Kamomillen', weight: 40, companies: [{ name: 'Apoteket Kamomillen AB', forms: ['apotek'] }] },
  { parent: null, kind: 'company', brand: 'Blåklockans Apotek', weight: 25, companies: [{ name: 'Blåklockans Apotek AB', forms: ['apotek'] }] },
  {
    parent: 'Apoteksringen Norden AB', kind: 'company', brand: 'Apoteksringen', weight: 20,
    companies: [{ name: 'Apoteksringen Sverige AB', forms: ['apotek'] }],
  },
  { parent: null, kind: 'company', brand: 'Läkeörten Apotek', weight: 15, companies: [{ name: 'Läkeörten Apotek AB', forms: ['apotek'] }] },
  { parent: null, kind: 'company', brand: 'Klinik Lyster', weight: 3, companies: [{ name: 'Klinik Lyster Sverige AB', forms: ['estetisk'] }] },
  { parent: null, kind: 'company', brand: 'Aurora Skönhetsinstitut', weight: 2, companies: [{ name: 'Skönhetsinstitutet Aurora AB', forms: ['estetisk'] }] },
  { parent: null, kind: 'company', brand: 'Arbetshälsan', weight: 2, companies: [{ name: 'Arbetshälsan Norden AB', forms: ['other/foretagshalsovard'] }] },
  // Foundations and associations with several units
  {
    parent: null, kind: 'association', brand: 'Solgläntan', weight: 2,
    companies: [{ name: 'Stiftelsen Solgläntan', forms: ['hvb', 'missbruk', 'stodboende', 'lss_bostad', 'sabo', 'other/boende_funktionsnedsattning'] }],
  },
  {
    parent: null, kind: 'association', brand: 'Ljusglimten', weight: 1,
    companies: [{ name: 'Stiftelsen Ljusglimten', forms: ['missbruk', 'hvb', 'psykiatri'] }],
  },
  {
    parent: null, kind: 'association', brand: 'Gemenskapen', weight: 1,
    companies: [{ name: 'Föreningen Gemenskapen', forms: ['missbruk', 'lss_daglig', 'other/dagverksamhet_sol'] }],
  },
];
