// Providers and units: kommuner and regions, chains and small companies, foundations; units spread over the
// 290 kommuner by population, with names, addresses, sizes and (for HVB and others) target groups and ages.
import { UNIT_FORMS, type HomeType, type LegalForm, type Orientation, type UnitForm } from '../registry/codes.ts';
import { dayOf, formatDay } from './dates.ts';
import { HEALTH_PERMITS, UNIT_PROFILES, UNITS_PER_FORTY_THOUSAND, type People, type UnitProfile } from './form-profiles.ts';
import { CHAINS, makeDomain, makePhone, makeStreet, slugify, type ChainDefinition } from './names.ts';
import { OrgnrFactory } from './orgnr.ts';
import { Random } from './random.ts';
import { loadGeography, type Kommun } from './reference-files.ts';
import { makeUnitName, smallOperatorName } from './unit-names.ts';
import type { Provider, Unit } from './world-types.ts';

/** A unit with what the later stages need to know about it but the exchange format does not carry. */
export interface UnitModel {
  unit: Unit;
  profile: UnitProfile;
  kommun: Kommun;
  provider: Provider;
  /** Run by its kommun or region (no permit needed for SoL/LSS forms). */
  isPublic: boolean;
  isKommunRun: boolean;
  openedDay: number;
  closedDay: number | null;
  /** Unit-level hidden quality: Gamma(2, 0.5), mean 1. Above 1 means more signals and deficiencies. */
  frailty: number;
  people: People;
  /** SoL/LSS permit the private operator holds for this unit. */
  privatePermit?: LegalForm;
  /** Healthcare permits (blood, abortion, tissue, syringe exchange, circumcision). */
  healthPermits: LegalForm[];
}

export interface Register {
  providers: Provider[];
  units: UnitModel[];
}

const FORM_ORDER = Object.keys(UNIT_FORMS) as UnitForm[];
const HISTORY_START = dayOf(2022, 1, 1);
/** Forms that every kommun runs itself, used first to make sure all 290 kommuner have units. */
const COVERAGE_FORMS: UnitForm[] = ['hemtjanst', 'lss_bostad', 'sabo', 'lss_daglig'];
/** Chance that a new private unit outside chains joins an existing small operator of the same form and län. */
const SMALL_OPERATOR_REUSE: Partial<Record<UnitForm, number>> = {
  hvb: 0.35, personlig_assistans: 0.3, hemtjanst: 0.2, tandvard: 0.2, estetisk: 0.15, stodboende: 0.25, lss_bostad: 0.3,
};

/** Small clinics are sometimes run as handelsbolag (provider kind `other`). */
const HANDELSBOLAG_FORMS = new Set<UnitForm>(['tandvard', 'estetisk', 'other']);

const REGION_NAMES: Record<string, string> = {
  '04': 'Region Sörmland', '06': 'Region Jönköpings län', '08': 'Region Kalmar län', '14': 'Västra Götalandsregionen',
  '18': 'Region Örebro län', '23': 'Region Jämtland Härjedalen',
};

/** Largest-remainder split of `total` by weights, so the parts always sum to the total. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let missing = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k++, missing--) parts[order[k % order.length][1]]++;
  return parts;
}

class WeightedSampler<T> {
  private readonly cumulative: number[] = [];
  constructor(private readonly items: T[], weight: (item: T) => number) {
    let sum = 0;
    for (const item of items) this.cumulative.push((sum += weight(item)));
  }
  draw(random: Random): T {
    const target = random.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid] > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low];
  }
}

interface ChainCompany {
  chain: ChainDefinition;
  provider: Provider;
  forms: string[];
}

export function buildRegister(seed: number, unitCount: number, untilDay: number): Register {
  const geography = loadGeography();
  const random = new Random(seed, 'register');
  const frailtyRandom = new Random(seed, 'frailty');
  const orgnrs = new OrgnrFactory(new Random(seed, 'orgnr'));
  const providers: Provider[] = [];
  const countyByCode = new Map(geography.counties.map((c) => [c.code, c]));

  function addProvider(fields: Omit<Provider, 'id'>): Provider {
    const provider: Provider = {
      id: `P${String(providers.length + 1).padStart(6, '0')}`,
      name: fields.name,
      orgnr: fields.orgnr,
      kind: fields.kind,
      parentId: fields.parentId,
      email: fields.email,
      phone: fields.phone,
      peppolId: fields.peppolId,
    };
    providers.push(provider);
    return provider;
  }

  // Public bodies: same ids and numbers in every world.
  const kommunProvider = new Map<string, Provider>();
  geography.kommuner.forEach((kommun, i) => {
    const orgnr = orgnrs.publicBody('212000', 100 + i * 3);
    kommunProvider.set(kommun.code, addProvider({
      name: kommun.name, orgnr, kind: 'kommun',
      email: `kommun@${makeDomain(kommun.shortName)}`, phone: makePhone(random, kommun.countyCode), peppolId: `0007:${orgnr}`,
    }));
  });
  const regionProvider = new Map<string, Provider>();
  geography.counties.forEach((county, i) => {
    const orgnr = orgnrs.publicBody('232100', 100 + i * 37);
    const name = REGION_NAMES[county.code] ?? `Region ${county.shortName}`;
    regionProvider.set(county.code, addProvider({
      name, orgnr, kind: 'region', email: `region@${makeDomain(name.replace(/^Region /, ''))}`,
      phone: makePhone(random, county.code), peppolId: `0007:${orgnr}`,
    }));
  });

  // Chains: the holding company first, then the operating companies that own units.
  const chainCompanies: ChainCompany[] = [];
  for (const chain of CHAINS) {
    let parent: Provider | undefined;
    if (chain.parent) parent = addProvider(companyFields(chain.parent, chain.kind, undefined));
    for (const company of chain.companies) {
      chainCompanies.push({ chain, forms: company.forms, provider: addProvider(companyFields(company.name, chain.kind, parent?.id)) });
    }
  }

  function companyFields(name: string, kind: Provider['kind'], parentId: string | undefined): Omit<Provider, 'id'> {
    const orgnr = orgnrs.next(kind === 'association' ? 'association' : kind === 'other' ? 'other' : 'company');
    return {
      name, orgnr, kind, parentId,
      email: random.chance(0.85) ? `info@${makeDomain(name)}` : undefined,
      phone: random.chance(0.8) ? makePhone(random, random.pick(geography.counties).code) : undefined,
      peppolId: random.chance(kind === 'company' ? 0.6 : 0.4) ? `0007:${orgnr}` : undefined,
    };
  }

  // How many units of each form, then of each variant (e.g. physiotherapy within `other`).
  const formCounts = apportion(unitCount, FORM_ORDER.map((f) => UNITS_PER_FORTY_THOUSAND[f]));
  interface Slot { profile: UnitProfile; kommun?: Kommun; forcePublic: boolean }
  const slots: Slot[] = [];
  FORM_ORDER.forEach((form, i) => {
    const variants = UNIT_PROFILES[form];
    for (let k = 0; k < formCounts[i]; k++) {
      const profile = variants.length === 1 ? variants[0] : variants[random.weightedIndex(variants.map((v) => v.weight))];
      slots.push({ profile, forcePublic: false });
    }
  });

  // Every kommun runs at least one unit itself (home care first), so all 290 appear in any world of 650+ units.
  const coverageSlots = COVERAGE_FORMS.flatMap((form) => slots.filter((s) => s.profile.form === form));
  geography.kommuner.forEach((kommun, i) => {
    const slot = coverageSlots[i];
    if (slot) Object.assign(slot, { kommun, forcePublic: true });
  });
  const byPopulation = new WeightedSampler(geography.kommuner, (k) => k.weight);
  const byPopulationAndSeat = new WeightedSampler(geography.kommuner, (k) => k.weight * (k.isCountySeat ? 6 : 1));
  for (const slot of slots) {
    slot.kommun ??= (slot.profile.form === 'sjukhus' ? byPopulationAndSeat : byPopulation).draw(random);
  }

  const smallOperators = new Map<string, { provider: Provider; units: number }[]>();

  function chooseOwner(profile: UnitProfile, kommun: Kommun, forcePublic: boolean): { provider: Provider; isPublic: boolean; chain?: ChainDefinition } {
    if (forcePublic || (profile.publicOwner && random.chance(profile.publicShare))) {
      const provider = profile.publicOwner === 'region' ? regionProvider.get(kommun.countyCode)! : kommunProvider.get(kommun.code)!;
      return { provider, isPublic: true };
    }
    const key = `${profile.form}/${profile.variant}`;
    if (random.chance(profile.chainShare)) {
      const candidates = chainCompanies.filter((c) => c.forms.includes(profile.form) || c.forms.includes(key));
      if (candidates.length > 0) {
        const company = candidates[random.weightedIndex(candidates.map((c) => c.chain.weight))];
        return { provider: company.provider, isPublic: false, chain: company.chain };
      }
    }
    const poolKey = `${key}|${kommun.countyCode}`;
    const pool = smallOperators.get(poolKey) ?? [];
    const reusable = pool.filter((p) => p.units < 4);
    if (reusable.length > 0 && random.chance(SMALL_OPERATOR_REUSE[profile.form] ?? 0.1)) {
      const operator = random.pick(reusable);
      operator.units++;
      return { provider: operator.provider, isPublic: false };
    }
    const kind: Provider['kind'] = random.chance(profile.associationShare)
      ? 'association'
      : HANDELSBOLAG_FORMS.has(profile.form) && profile.sector === 'health' && random.chance(0.06) ? 'other' : 'company';
    const provider = addProvider(companyFields(smallOperatorName(random, profile, kommun, kind), kind, undefined));
    pool.push({ provider, units: 1 });
    smallOperators.set(poolKey, pool);
    return { provider, isPublic: false };
  }

  const models: UnitModel[] = [];
  for (const slot of slots) {
    const profile = slot.profile;
    const kommun = slot.kommun!;
    const county = countyByCode.get(kommun.countyCode)!;
    const owner = chooseOwner(profile, kommun, slot.forcePublic);
    const postcode = random.pick(kommun.postcodes);
    const details = describeUnit(random, profile);
    const name = makeUnitName(random, profile, { kommun, county, locality: postcode.locality, brand: owner.chain?.brand, isPublic: owner.isPublic, homeType: details.homeType });
    const openedDay = pickOpenedDay(random, profile, owner.isPublic, untilDay);
    const closedDay = random.chance(0.03) ? pickClosedDay(random, openedDay, untilDay) : null;
    const { size, capacity } = pickSize(random, profile);
    const [lat, lon] = scatterAround(random, kommun);
    const domain = owner.isPublic ? owner.provider.email!.split('@')[1] : makeDomain(owner.provider.name);
    const unitSlug = slugify(name);

    const unit: Unit = {
      id: '',
      providerId: owner.provider.id,
      name,
      form: profile.form,
      kommun: kommun.code,
      size,
      opened: formatDay(openedDay),
      closed: closedDay === null ? undefined : formatDay(closedDay),
      orientation: details.orientation,
      homeType: details.homeType,
      ageMin: details.ageMin,
      ageMax: details.ageMax,
      capacity,
      street: makeStreet(random),
      postalCode: postcode.code,
      city: postcode.locality,
      lat,
      lon,
      phone: random.chance(0.85) ? makePhone(random, kommun.countyCode) : undefined,
      email: random.chance(0.7) ? `${unitSlug}@${domain}` : undefined,
      website: random.chance(0.5) ? `https://www.${domain}/${unitSlug}` : undefined,
      operationCodes: pickOperationCodes(random, profile),
      hsaId: profile.sector === 'health' ? `SE${owner.provider.orgnr}-${random.int(0x1000, 0xfffff).toString(36).toUpperCase()}` : undefined,
    };
    const people = details.ageMax !== undefined && details.ageMax <= 12
      ? { ...profile.people, plural: 'barnen', one: 'ett barn', ageMin: details.ageMin!, ageMax: details.ageMax }
      : details.ageMin !== undefined ? { ...profile.people, ageMin: details.ageMin, ageMax: details.ageMax! } : profile.people;
    models.push({
      unit,
      profile,
      kommun,
      provider: owner.provider,
      isPublic: owner.isPublic,
      isKommunRun: owner.provider.kind === 'kommun',
      openedDay,
      closedDay,
      frailty: frailtyRandom.gamma(2, 0.5),
      people,
      privatePermit: owner.isPublic ? undefined : details.permit ?? profile.privatePermit,
      healthPermits: HEALTH_PERMITS
        .filter((p) => p.form === profile.form && (p.variant === undefined || p.variant === profile.variant))
        .filter((p) => random.chance(p.share))
        .map((p) => p.legalForm),
    });
  }

  // Readable order: by kommun, then form, then name; ids follow that order.
  const formRank = new Map(FORM_ORDER.map((f, i) => [f, i]));
  const creationOrder = new Map(models.map((m, i) => [m, i]));
  models.sort((a, b) =>
    a.kommun.code.localeCompare(b.kommun.code) ||
    formRank.get(a.profile.form)! - formRank.get(b.profile.form)! ||
    (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0) ||
    creationOrder.get(a)! - creationOrder.get(b)!);
  models.forEach((model, i) => { model.unit.id = `U${String(i + 1).padStart(6, '0')}`; });

  return { providers, units: models };
}

interface UnitDetails {
  orientation?: Orientation[];
  homeType?: HomeType;
  ageMin?: number;
  ageMax?: number;
  permit?: LegalForm;
}

const HVB_HOME_TYPES: Partial<Record<HomeType, number>> = { behandlingshem: 55, boende: 15, utredningshem: 8, akuthem: 10, skyddat: 7 };
const HVB_AGE_BANDS: [number, number, number][] = [[13, 17, 30], [16, 20, 25], [0, 20, 8], [6, 12, 8], [13, 20, 12], [12, 17, 8], [0, 17, 5], [16, 18, 4]];
const HVB_ORIENTATIONS: Partial<Record<Orientation, number>> = { psykosocial: 35, missbruk: 15, npf: 20, kriminalitet: 15, ensamkommande: 8, hedersrelaterat: 5, psykisk_ohalsa: 20 };
const STODBOENDE_ORIENTATIONS: Partial<Record<Orientation, number>> = { psykosocial: 40, ensamkommande: 20, npf: 15, psykisk_ohalsa: 20, hedersrelaterat: 5 };

function pickDistinct<K extends string>(random: Random, table: Partial<Record<K, number>>, count: number): K[] {
  const chosen: K[] = [];
  const remaining = { ...table };
  while (chosen.length < count && Object.keys(remaining).length > 0) {
    const key = random.weightedKey(remaining);
    chosen.push(key);
    delete remaining[key];
  }
  return chosen;
}

/** Target groups, kind of home and permitted ages, where the form has them. */
function describeUnit(random: Random, profile: UnitProfile): UnitDetails {
  switch (profile.form) {
    case 'hvb': {
      const homeType = random.weightedKey(HVB_HOME_TYPES);
      if (homeType === 'skyddat') {
        return { homeType, orientation: ['hedersrelaterat', 'psykosocial'], ageMin: 0, ageMax: 20, permit: 'skyddat_boende' };
      }
      const [ageMin, ageMax] = HVB_AGE_BANDS[random.weightedIndex(HVB_AGE_BANDS.map((b) => b[2]))];
      const orientation = pickDistinct(random, HVB_ORIENTATIONS, random.weightedIndex([50, 35, 15]) + 1);
      return { homeType, orientation, ageMin, ageMax };
    }
    case 'stodboende':
      return {
        homeType: random.chance(0.8) ? 'stodlagenheter' : 'boende',
        orientation: pickDistinct(random, STODBOENDE_ORIENTATIONS, random.int(1, 2)),
        ageMin: 16,
        ageMax: 20,
      };
    case 'missbruk':
      return { orientation: random.chance(0.4) ? ['missbruk', 'psykisk_ohalsa'] : ['missbruk'] };
    case 'lss_bostad':
      return random.chance(0.1)
        ? { orientation: ['funktionsnedsattning', 'npf'], ageMin: 6, ageMax: 20, permit: 'bostad_barn_lss' }
        : { orientation: random.chance(0.25) ? ['funktionsnedsattning', 'npf'] : ['funktionsnedsattning'] };
    case 'lss_daglig':
      return { orientation: random.chance(0.3) ? ['funktionsnedsattning', 'npf'] : ['funktionsnedsattning'] };
    case 'sabo':
      return { orientation: random.chance(0.3) ? ['aldre', 'somatik'] : ['aldre'] };
    case 'other':
      if (profile.variant === 'boende_funktionsnedsattning') return { orientation: ['psykisk_ohalsa'] };
      if (profile.variant.startsWith('korttids')) return { orientation: ['funktionsnedsattning'], ageMin: 6, ageMax: 20 };
      return {};
    default:
      return {};
  }
}

function pickSize(random: Random, profile: UnitProfile): { size: number; capacity?: number } {
  const { median, sigma, min, max } = profile.size;
  const places = Math.round(Math.min(max, Math.max(min, random.logNormal(median, sigma))));
  if (!profile.residential) return { size: places };
  // Residential units are rarely full: exposure is the average occupancy.
  return { size: Math.max(1, Math.round(places * random.uniform(0.7, 1))), capacity: places };
}

function pickOperationCodes(random: Random, profile: UnitProfile): string[] | undefined {
  if (profile.form === 'estetisk') {
    const draw = random.next();
    return draw < 0.6 ? ['B19'] : draw < 0.8 ? ['B18'] : ['B18', 'B19'];
  }
  if (!profile.operationCodes) return undefined;
  if (profile.form === 'vardcentral' && random.chance(0.3)) return [...profile.operationCodes, 'A15'];
  return profile.operationCodes;
}

function pickOpenedDay(random: Random, profile: UnitProfile, isPublic: boolean, untilDay: number): number {
  const recentShare = isPublic ? 0.06 : profile.form === 'estetisk' ? 0.2 : 0.12;
  if (random.chance(recentShare) && untilDay - 30 > HISTORY_START) return random.int(HISTORY_START, untilDay - 30);
  const firstYear = profile.form === 'sjukhus' && isPublic ? 1950 : isPublic ? 1975 : profile.form === 'estetisk' ? 2008 : 1995;
  return random.int(dayOf(firstYear, 1, 1), HISTORY_START - 1);
}

function pickClosedDay(random: Random, openedDay: number, untilDay: number): number | null {
  const earliest = Math.max(openedDay + 365, HISTORY_START);
  return earliest < untilDay ? random.int(earliest, untilDay) : null;
}

/** A point inside the kommun: within the circle around its inner point, denser towards the centre. */
function scatterAround(random: Random, kommun: Kommun): [number, number] {
  const radiusKm = Math.min(kommun.radiusKm * 0.85, 15) * random.next();
  const angle = random.next() * 2 * Math.PI;
  const lat = kommun.lat + (radiusKm * Math.sin(angle)) / 111.32;
  const lon = kommun.lon + (radiusKm * Math.cos(angle)) / (111.32 * Math.cos((kommun.lat * Math.PI) / 180));
  return [Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5];
}
