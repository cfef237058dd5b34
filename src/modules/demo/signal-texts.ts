// Short Swedish signal texts assembled from templates that match the signal's risk areas, channel and form.
// Placeholders: {plural} "de boende", {one} "en boende", {at} "på boendet"; capitalised forms {Plural}, {One}.
import { RISK_AREAS, type RiskArea, type SignalChannel, type UnitForm } from '../registry/codes.ts';
import type { People, Sector } from './form-profiles.ts';
import type { Random } from './random.ts';

interface Template {
  text: string;
  /** Only for these forms (default: all). */
  forms?: UnitForm[];
  sector?: Sector;
}

const RESIDENTIAL: UnitForm[] = ['hvb', 'stodboende', 'sabo', 'lss_bostad', 'missbruk'];
const CARE_OF_PEOPLE: UnitForm[] = ['sabo', 'hemtjanst', 'lss_bostad', 'personlig_assistans'];
const TREATMENT_CLINICS: UnitForm[] = ['estetisk', 'tandvard', 'other'];

const TEMPLATES: Record<RiskArea, Template[]> = {
  care_quality: [
    { text: '{One} fick inte den vård som behövdes och blev allvarligt sämre.' },
    { text: 'Personalen missade tecken på att {one} var allvarligt sjuk.' },
    { text: 'Besöken blir ofta av för sent eller inte alls.', forms: ['hemtjanst'] },
    { text: '{One} föll och blev liggande på golvet länge innan någon kom.', forms: CARE_OF_PEOPLE },
    { text: 'Behandlingen gav komplikationer som inte följdes upp.', forms: TREATMENT_CLINICS },
    { text: 'Diagnosen ställdes för sent trots upprepade besök.', forms: ['vardcentral', 'sjukhus', 'psykiatri', 'other'] },
    { text: '{Plural} får ingen meningsfull behandling eller sysselsättning.', forms: ['hvb', 'missbruk', 'lss_daglig', 'stodboende'] },
    { text: '{One} skrevs ut för tidigt och fick komma tillbaka samma vecka.', forms: ['sjukhus', 'psykiatri'] },
    { text: '{One} fick fel behandling och ingen tog ansvar för felet.' },
  ],
  medication: [
    { text: 'Personalen ger fel dos av läkemedel till {plural}.', sector: 'social' },
    { text: '{One} fick fel läkemedel vid kvällsmedicineringen.' },
    { text: 'Läkemedel förvaras olåst {at} och ingen har kontroll på dem.', forms: RESIDENTIAL },
    { text: 'Signeringslistor för läkemedel saknas eller är ofullständiga.', sector: 'social' },
    { text: 'Personal utan delegering delar ut läkemedel.', sector: 'social' },
    { text: 'Narkotikaklassade läkemedel saknas och ingen vet vart de har tagit vägen.' },
    { text: 'Fel läkemedel lämnades ut på recept.', forms: ['apotek'] },
    { text: 'Ett recept förskrevs med tio gånger för hög dos.', forms: ['vardcentral', 'sjukhus', 'psykiatri', 'other'] },
  ],
  staffing_competence: [
    { text: 'Det är ofta för lite personal {at}, särskilt på kvällar och helger.' },
    { text: 'Många i personalen saknar utbildning för arbetet.' },
    { text: 'Nattpersonalen är ensam med alla {plural}.', forms: RESIDENTIAL },
    { text: 'Det kommer nya vikarier hela tiden som inte känner {plural}.' },
    { text: 'Personalen är stressad och hinner inte med sina uppgifter.' },
    { text: 'Behandlingar utförs av personal utan rätt legitimation.', forms: ['estetisk', 'tandvard', 'other'] },
  ],
  safety_abuse: [
    { text: '{One} blev slagen av en anställd.' },
    { text: 'Personalen använder tvång och låser in {plural}.', forms: RESIDENTIAL },
    { text: 'Det förekommer hot och våld mellan {plural} och ingen ingriper.', forms: [...RESIDENTIAL, 'psykiatri', 'lss_daglig'] },
    { text: '{One} har utsatts för sexuella övergrepp {at}.' },
    { text: 'Personalen håller fast {plural} på ett sätt som gör ont.', forms: [...RESIDENTIAL, 'psykiatri'] },
    { text: '{Plural} rymmer ofta och personalen vet inte var de är.', forms: ['hvb', 'stodboende'] },
    { text: 'Det finns narkotika {at} och personalen gör ingenting.', forms: ['hvb', 'stodboende', 'missbruk'] },
  ],
  hygiene_infection: [
    { text: 'Det är smutsigt {at} och det luktar illa.' },
    { text: 'Personalen använder inte handskar eller handsprit.' },
    { text: 'Många har smittats av magsjuka på kort tid.', forms: [...RESIDENTIAL, 'sjukhus', 'hemtjanst'] },
    { text: 'Instrument rengörs inte ordentligt mellan behandlingarna.', forms: TREATMENT_CLINICS },
    { text: 'Ett utbrott av vinterkräksjuka hanterades inte enligt rutinerna.', forms: ['sabo', 'sjukhus', 'lss_bostad'] },
  ],
  cooperation: [
    { text: 'Information om {one} fördes inte vidare när ansvaret gick över till någon annan.' },
    { text: 'Socialtjänsten och verksamheten pratar inte med varandra om {plural}.', sector: 'social' },
    { text: 'Remissen skickades aldrig och ingen följde upp.', sector: 'health' },
    { text: 'Anhöriga får ingen information trots att de frågar.' },
    { text: 'Vårdplanen följdes inte när {one} skrevs ut till hemmet.', forms: ['sjukhus', 'psykiatri', 'hemtjanst', 'sabo'] },
  ],
  access_waiting: [
    { text: 'Det går inte att komma fram på telefon och man får vänta i flera veckor.' },
    { text: 'Jag har väntat på en tid i över tre månader.', sector: 'health' },
    { text: 'Remisser hanteras inte och väntetiderna är mycket långa.', sector: 'health' },
    { text: 'Det finns inga lediga tider och man hänvisas till akuten.', forms: ['vardcentral', 'psykiatri'] },
    { text: 'Beviljade insatser blir inte av på grund av personalbrist.', sector: 'social' },
  ],
  dignity_respect: [
    { text: 'Personalen pratar nedlåtande till {plural}.' },
    { text: '{Plural} får inte bestämma själva över sin vardag.', sector: 'social' },
    { text: '{One} fick ligga i en blöt säng i flera timmar.', forms: ['sabo', 'lss_bostad', 'sjukhus', 'hemtjanst'] },
    { text: 'Personalen skriker på {plural}.' },
    { text: 'Ingen lyssnar på vad {plural} vill.' },
    { text: 'Personalen pratar om {plural} så att andra hör.' },
  ],
  documentation: [
    { text: 'Journalen är inte uppdaterad och viktiga uppgifter saknas.', sector: 'health' },
    { text: 'Det dokumenteras inte vad som händer med {plural}.' },
    { text: 'Genomförandeplaner saknas för flera av {plural}.', sector: 'social' },
    { text: 'Anteckningar i journalen har ändrats i efterhand.' },
  ],
  environment_premises: [
    { text: 'Lokalerna är slitna och det finns fukt och mögel.' },
    { text: 'Brandlarmet fungerar inte och nödutgången är blockerad.' },
    { text: 'Hjälpmedel som lyftar och rullstolar är trasiga.', forms: ['sabo', 'lss_bostad', 'hemtjanst', 'personlig_assistans'] },
    { text: 'Det är för trångt och {plural} delar rum mot sin vilja.', forms: RESIDENTIAL },
  ],
  management_systems: [
    { text: 'Avvikelser rapporteras men ingenting händer.' },
    { text: 'Chefen är sällan på plats och ingen tar ansvar.' },
    { text: 'Verksamheten saknar rutiner för hur allvarliga händelser ska utredas.' },
    { text: 'Ledningen tystar personal som påtalar brister.' },
  ],
  dishonest_operator: [
    { text: 'Det misstänks att verksamheten fakturerar för timmar som aldrig utförts.' },
    { text: 'Ägaren har tidigare drivit en verksamhet som fick tillståndet återkallat.' },
    { text: 'Personal får betalt svart och saknar anställningsavtal.' },
    { text: 'Det finns misstankar om att assistansersättningen används på fel sätt.', forms: ['personlig_assistans'] },
    { text: 'Företaget byter namn och styrelse ofta.' },
  ],
};

const PREFIXES: Partial<Record<SignalChannel, string[]>> = {
  tip: ['', '', 'Jag vill tipsa om en allvarlig situation.', 'Anonymt tips.', 'Jag arbetar här och måste berätta.'],
  complaint: ['Klagomål från patient.', 'Klagomål från anhörig.', 'Jag vill klaga på vården.', ''],
  // (social care complaints use SOCIAL_COMPLAINT_PREFIXES)
  lex_maria: ['Anmälan enligt lex Maria.', 'Vårdgivaren anmäler en händelse som medförde risk för allvarlig vårdskada.'],
  lex_sarah: ['Anmälan enligt lex Sarah.', 'Rapport om allvarligt missförhållande.'],
  child_line: ['Jag bor här och mår inte bra.', 'Hej, jag behöver hjälp.', 'Jag vet inte vem jag ska prata med.'],
  inquiry: ['Samtal till upplysningstjänsten.', 'Fråga från allmänheten.', 'E-post till upplysningstjänsten.'],
  work_environment: ['Signal från Arbetsmiljöverket.', 'Arbetsmiljöverket har fått en anmälan om allvarligt tillbud.'],
  police: ['Polisanmälan har upprättats.', 'Underrättelse från Polismyndigheten.'],
  media: ['Uppgifter i lokal media.', 'Granskande artikel i dagspress.'],
  other: ['', 'Uppgifter från en annan myndighet.', 'Brev från en anhörig.'],
};

const SOCIAL_COMPLAINT_PREFIXES = ['Klagomål från anhörig.', 'Klagomål från god man.', 'Jag vill klaga på omsorgen.', ''];

/** The seed's key finding: investigations often lack root causes and actions. The ending says which. */
const REPORT_ENDINGS = [
  'Vårdgivarens utredning är bifogad.',
  'Utredningen pekar ut bristande rutiner som orsak och åtgärder har vidtagits.',
  'Orsaken har inte kunnat fastställas.',
  'Inga åtgärder har vidtagits.',
];
const SEVERE_ENDINGS = ['Det har hänt flera gånger den senaste tiden.', 'Ledningen känner till det men gör ingenting.', ''];
/** The last one is not used for hospitals. */
const GRAVE_ENDINGS = ['Händelsen ledde till bestående skada.', 'Personen avled senare.', 'Personen fick föras till sjukhus.'];

function fill(template: string, people: People): string {
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return template
    .replace('{Plural}', capital(people.plural))
    .replace('{plural}', people.plural)
    .replace('{One}', capital(people.one))
    .replace('{one}', people.one)
    .replace('{at}', people.at);
}

/** Templates per risk area filtered per form/sector, computed once per (area, form, sector). */
const applicable = new Map<string, Template[]>();
function templatesFor(area: RiskArea, form: UnitForm, sector: Sector): Template[] {
  const key = `${area}|${form}|${sector}`;
  let list = applicable.get(key);
  if (!list) {
    list = TEMPLATES[area].filter((t) => (!t.forms || t.forms.includes(form)) && (!t.sector || t.sector === sector));
    if (list.length === 0) list = TEMPLATES[area].filter((t) => !t.forms && !t.sector);
    applicable.set(key, list);
  }
  return list;
}

export interface TextContext {
  channel: SignalChannel;
  form: UnitForm;
  sector: Sector;
  people: People;
  riskAreas: RiskArea[];
  severity: number;
}

export function makeSignalText(random: Random, ctx: TextContext): string {
  const parts: string[] = [];
  const prefix = ctx.channel === 'complaint' && ctx.sector === 'social' ? SOCIAL_COMPLAINT_PREFIXES : PREFIXES[ctx.channel];
  if (prefix) parts.push(random.pick(prefix));
  for (const area of ctx.riskAreas) parts.push(fill(random.pick(templatesFor(area, ctx.form, ctx.sector)).text, ctx.people));
  if (ctx.severity === 4) parts.push(random.pick(ctx.form === 'sjukhus' ? GRAVE_ENDINGS.slice(0, 2) : GRAVE_ENDINGS));
  else if (ctx.severity === 3) parts.push(random.pick(SEVERE_ENDINGS));
  if (ctx.channel === 'lex_maria' || ctx.channel === 'lex_sarah') parts.push(random.pick(REPORT_ENDINGS));
  return parts.filter((p) => p !== '').join(' ');
}

const UNEXECUTED: Partial<Record<UnitForm, string>> = {
  sabo: 'särskilt boende enligt SoL',
  hemtjanst: 'hemtjänst enligt SoL',
  stodboende: 'stödboende enligt SoL',
  lss_bostad: 'bostad med särskild service enligt LSS',
  lss_daglig: 'daglig verksamhet enligt LSS',
  personlig_assistans: 'personlig assistans enligt LSS',
  other: 'insats enligt LSS',
};

/** Quarterly report of a favourable decision not carried out within three months (de-identified). */
export function makeUnexecutedDecisionText(random: Random, form: UnitForm, quarter: string, decisionDate: string): string {
  const reason = random.pick(['Orsak: brist på lediga platser.', 'Orsak: personalbrist.', 'Orsak: den enskilde har tackat nej till erbjudande.', 'Orsak: ingen lämplig utförare.']);
  return `Rapport om ej verkställt beslut för ${quarter}. Beslut om ${UNEXECUTED[form] ?? 'insats'} från ${decisionDate} har inte verkställts inom tre månader. ${reason}`;
}

/** What inspectors write down after an inspection that found deficiencies. */
export function makeInspectionFindingText(riskAreas: RiskArea[], deficiencies: number): string {
  const areas = riskAreas.map((a) => RISK_AREAS[a].toLowerCase()).join(' samt ');
  return `Vid inspektionen konstaterades ${deficiencies} ${deficiencies === 1 ? 'brist' : 'brister'}, bland annat inom området ${areas}.`;
}
