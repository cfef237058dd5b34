// Names of units and of small operators, by form: "Vårdcentralen Björkhagen", "HVB Ekbacken",
// "Tandläkarna i Gävle", "Solrosens äldreboende", "Ekbackens Behandlingshem AB".
import type { HomeType } from '../registry/codes.ts';
import type { UnitProfile } from './form-profiles.ts';
import { SURNAMES, genitive, makeFlowerName, makePlaceName, makeStreet } from './names.ts';
import type { Random } from './random.ts';
import type { County, Kommun } from './reference-files.ts';
import type { Provider } from './world-types.ts';

export interface NameContext {
  kommun: Kommun;
  county: County;
  locality: string;
  brand?: string;
  isPublic: boolean;
  homeType?: HomeType;
}

/** Norrland regions call their primary care centres hälsocentraler. */
const HALSOCENTRAL_COUNTIES = new Set(['20', '21', '22', '23', '24', '25']);

export function makeUnitName(random: Random, profile: UnitProfile, ctx: NameContext): string {
  const place = makePlaceName(random);
  const placeOrTown = random.chance(0.4) ? ctx.locality : place;
  const { brand, locality } = ctx;
  switch (profile.form) {
    case 'vardcentral':
      if (brand) return `${brand} vårdcentral ${placeOrTown}`;
      return `${HALSOCENTRAL_COUNTIES.has(ctx.county.code) ? 'Hälsocentralen' : 'Vårdcentralen'} ${placeOrTown}`;
    case 'sjukhus':
      if (brand) return `${brand} Närsjukhus ${locality}`;
      if (!ctx.isPublic) return `Privatsjukhuset ${place}`;
      if (ctx.kommun.isCountySeat && random.chance(0.5)) return random.pick([`Länssjukhuset i ${ctx.kommun.shortName}`, `Centralsjukhuset i ${ctx.kommun.shortName}`]);
      return random.pick([`${genitive(locality)} sjukhus`, `${genitive(locality)} lasarett`, `${genitive(locality)} närsjukhus`]);
    case 'tandvard':
      if (ctx.isPublic) return `Folktandvården ${placeOrTown}`;
      if (brand) return `${brand} ${locality}`;
      return random.pick([`Tandläkarna i ${locality}`, `${place} Tandvård`, `Tandläkare ${random.pick(SURNAMES)}`, `${locality} Tandklinik`]);
    case 'apotek':
      return brand ? `${brand} ${placeOrTown}` : `Apoteket ${makeFlowerName(random)}`;
    case 'estetisk':
      if (brand) return `${brand} ${locality}`;
      return random.pick([`${place} Skönhetsklinik`, `${locality} Estetik`, `Hudvårdskliniken ${place}`, `Klinik ${makeFlowerName(random)}`]);
    case 'psykiatri':
      if (brand) return `${brand} Psykiatri ${locality}`;
      if (!ctx.isPublic) return `Psykiatrimottagningen ${place}`;
      return random.pick([`Vuxenpsykiatriska mottagningen ${locality}`, `Psykiatriska kliniken ${locality}`, `BUP ${locality}`, `Psykiatriska öppenvården ${locality}`]);
    case 'hvb':
      switch (ctx.homeType) {
        case 'utredningshem': return `Utredningshemmet ${place}`;
        case 'akuthem': return random.pick([`Jourhemmet ${place}`, `Akuthemmet ${place}`]);
        case 'skyddat': return `Skyddat boende ${place}`;
        case 'boende': return random.pick([`${place} ungdomsboende`, `HVB ${place}`]);
        default: return random.pick([`HVB ${place}`, `${genitive(place)} behandlingshem`, `Behandlingshemmet ${place}`, `Ungdomshemmet ${place}`]);
      }
    case 'stodboende':
      return random.pick([`Stödboende ${place}`, `${place} stödboende`, `Ungbo ${locality}`]);
    case 'sabo':
      return random.pick([`${genitive(makeFlowerName(random))} äldreboende`, `${place} vård- och omsorgsboende`, `Äldreboendet ${place}`, place]);
    case 'hemtjanst':
      if (brand) return `${brand} Hemtjänst ${locality}`;
      if (ctx.isPublic) return random.pick([`Hemtjänsten ${locality} ${random.pick(['norra', 'södra', 'östra', 'västra', 'centrum'])}`, `Hemtjänst ${place}`]);
      return random.pick([`${place} Hemtjänst`, `Omsorg i ${locality}`, `${locality} Hemtjänst & Omsorg`]);
    case 'personlig_assistans':
      if (brand) return `${brand} ${locality}`;
      if (ctx.isPublic) return `Personlig assistans, ${ctx.kommun.shortName}`;
      return random.pick([`${random.pick(SURNAMES)}s Assistans`, `Assistans ${place}`, `${place} Assistans`]);
    case 'lss_bostad':
      return random.pick([`Gruppbostaden ${makeStreet(random).replace(/ \d+[A-C]?$/, '')}`, `Servicebostaden ${place}`, `LSS-boendet ${place}`]);
    case 'lss_daglig':
      return random.pick([`Daglig verksamhet ${place}`, `${place} Ateljé`, `Dagcenter ${place}`, `Arbetscenter ${locality}`]);
    case 'missbruk':
      if (ctx.isPublic) return random.pick([`Beroendeenheten ${locality}`, `Behandlingsenheten ${place}`]);
      return random.pick([`Behandlingshemmet ${place}`, `${place} behandlingscenter`, `${genitive(place)} gård`]);
    case 'other':
      return makeOtherUnitName(random, profile.variant, place, locality, brand);
  }
}

function makeOtherUnitName(random: Random, variant: string, place: string, locality: string, brand: string | undefined): string {
  switch (variant) {
    case 'fysioterapi': return brand ? `${brand} Fysioterapi ${locality}` : random.pick([`Fysioterapi ${locality}`, `${place} Fysio`, `Rehabkliniken ${place}`]);
    case 'psykologmottagning': return random.pick([`Psykologmottagningen ${place}`, `Psykolog ${random.pick(SURNAMES)}`]);
    case 'specialistmottagning':
      return `${random.pick(['Hud', 'Ögon', 'Gynekolog', 'Ortoped', 'Öron-näsa-hals', 'Hjärt', 'Mag-tarm', 'Allergi'])}mottagningen ${locality}`;
    case 'barnhalsovard': return random.pick([`Barnavårdscentralen ${place}`, `Barnmorskemottagningen ${locality}`]);
    case 'foretagshalsovard': return brand ? `${brand} ${locality}` : `Företagshälsan ${locality}`;
    case 'diagnostik': return random.pick([`Röntgenkliniken ${locality}`, `Laboratoriemedicin ${locality}`]);
    case 'ambulans': return `Ambulansstationen ${locality}`;
    case 'hemsjukvard': return `Hemsjukvården ${locality}`;
    case 'sprutbyte': return `Sprutbytesmottagningen ${locality}`;
    case 'omskarelse': return `Omskärelsemottagningen ${place}`;
    case 'korttidsvistelse': return `Korttidshemmet ${place}`;
    case 'korttidstillsyn': return `Korttidstillsyn ${place}`;
    case 'familjehemsvard': return brand ? `${brand} Familjehem ${locality}` : `${place} Familjehemsvård`;
    case 'ledsagarservice': return `Ledsagarservice ${locality}`;
    case 'avlosarservice': return `Avlösarservice ${locality}`;
    case 'kontaktperson': return `Kontaktpersonsverksamheten ${locality}`;
    case 'boende_funktionsnedsattning': return random.pick([`Boendet ${place}`, `${place} boendestöd`]);
    case 'dagverksamhet_sol': return `Träffpunkten ${place}`;
    default: return `${place} Vård`;
  }
}

/** Name of a small operator that is not part of a chain. */
export function smallOperatorName(random: Random, profile: UnitProfile, kommun: Kommun, kind: Provider['kind']): string {
  const place = makePlaceName(random);
  const town = kommun.shortName;
  if (kind === 'association') return random.pick([`Stiftelsen ${place}`, `Föreningen ${place}`, `Ideella föreningen ${place}`]);
  if (kind === 'other') return `${random.pick(SURNAMES)} & ${random.pick(SURNAMES)} HB`;
  switch (profile.form) {
    case 'vardcentral': return random.pick([`Läkargruppen ${place} AB`, `${town} Läkarhus AB`]);
    case 'sjukhus': return `${town} Specialistsjukvård AB`;
    case 'tandvard': return random.pick([`Tandläkare ${random.pick(SURNAMES)} AB`, `${town} Tandvård AB`, `${place} Tandhälsa AB`]);
    case 'apotek': return `Apoteket ${makeFlowerName(random)} i ${town} AB`;
    case 'estetisk': return random.pick([`${place} Estetik AB`, `Skönhetskliniken ${place} AB`, `Klinik ${random.pick(SURNAMES)} AB`]);
    case 'psykiatri': return `Psykiatripartner ${town} AB`;
    case 'hvb': return random.pick([`${genitive(place)} Behandlingshem AB`, `${place} Ungdomsvård AB`, `Ungdomsomsorg ${town} AB`]);
    case 'stodboende': return `${place} Stödboende AB`;
    case 'sabo': return `${place} Omsorg AB`;
    case 'hemtjanst': return random.pick([`${place} Hemtjänst AB`, `Omsorg i ${town} AB`]);
    case 'personlig_assistans': return random.pick([`${random.pick(SURNAMES)}s Assistans AB`, `Assistans ${place} AB`]);
    case 'lss_bostad':
    case 'lss_daglig': return random.pick([`${place} Omsorg AB`, `${town} Stöd och Service AB`]);
    case 'missbruk': return `${place} Behandling AB`;
    case 'other':
      return otherOperatorName(random, profile.variant, place, town);
  }
}

function otherOperatorName(random: Random, variant: string, place: string, town: string): string {
  switch (variant) {
    case 'fysioterapi': return random.pick([`${random.pick(SURNAMES)} Fysio AB`, `Fysio ${place} AB`]);
    case 'psykologmottagning': return `${random.pick(SURNAMES)} Psykologi AB`;
    case 'specialistmottagning': return random.pick([`${town} Specialistvård AB`, `Läkarhuset ${place} AB`]);
    case 'barnhalsovard': return `${place} Familjehälsa AB`;
    case 'foretagshalsovard': return `${town} Företagshälsa AB`;
    case 'diagnostik': return `${town} Diagnostik AB`;
    case 'ambulans': return `${town} Ambulans AB`;
    case 'familjehemsvard': return `${place} Familjehemsvård AB`;
    default: return random.pick([`${place} Vård och Stöd AB`, `${town} Omsorgspartner AB`]);
  }
}
