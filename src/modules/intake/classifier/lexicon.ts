// A small curated lexicon of strong Swedish phrases per risk area and for urgency. Each phrase becomes a
// feature of the model whose starting weights are the ones given here; training moves them (regularised back
// towards these values), so staff corrections can still overrule a phrase.
//
// Pattern syntax, matched against normalised (lower-case, spelling-normalised, unstemmed) words:
//   words separated by spaces; `a|b` alternatives; `medicin*` a prefix; `*medicin*` anywhere in the word
//   (Swedish compounds: "diabetesmedicinen"); `~` up to two arbitrary words.
// `problem: true` marks a phrase that names a problem in itself ("slår", "smutsigt"): a negation within three
// words before it ("aldrig slagit", "inte smutsigt") or right after it ("slår aldrig") reduces it. Other phrases name a topic ("medicinen") and
// are reduced only inside a denial ("inga problem med medicinen").
import { type RiskArea, URGENCIES } from '../../registry/codes.ts';
import { negationAfter, negationBefore, NEGATIONS, type Token } from './text.ts';

export type Urgency = (typeof URGENCIES)[number];
export type Output = RiskArea | Urgency;

export interface Cue {
  pattern: string;
  weights: Partial<Record<Output, number>>;
  problem?: boolean;
}

/**
 * Risk-area phrases are listed with a relative strength (1.5 strong, 1 clear, 0.8 weak) that is multiplied by
 * this scale: a single strong phrase should be enough to name its risk area even when the rest of the text is
 * words the model has never seen (chosen by cross-validation, see evaluate.ts).
 */
const AREA_PRIOR_SCALE = 3;

const area = (code: RiskArea, weight: number, patterns: string[], problem = false): Cue[] =>
  patterns.map((pattern) => ({ pattern, weights: { [code]: weight * AREA_PRIOR_SCALE }, problem }));

/** Acute cues push towards `acute` and away from `normal`. */
const acute = (weight: number, patterns: string[], extra: Partial<Record<Output, number>> = {}, problem = true): Cue[] =>
  patterns.map((pattern) => ({ pattern, weights: { acute: weight, normal: -weight / 2, ...extra }, problem }));

export const CUES: Cue[] = [
  // Vård och behandling
  ...area('care_quality', 1.2, ['fel behandling', 'felbehandl*', 'feldiagnos*', 'trycksår*', 'vanvård*', 'komplikation*', 'bensår*', 'undernär*', 'uttorka*', 'provsvar*'], true),
  ...area('care_quality', 1.0, ['missa*|missade|missat ~ diagnos*|tecken|sjukdom*', 'för tidigt', 'ingen behandling', 'ingen läkare', 'ramla*|föll|fallit|fallolyck*', 'blev liggande', 'legat|ligger på golvet', 'försämra*|sämre', 'gått ner ~ kilo|vikt', 'inte ~ undersök*', 'infekter*'], true),
  ...area('care_quality', 0.8, ['behandling*', 'vård', 'diagnos*', 'sår', 'självskad*', 'självmord*', 'ta|tar|tog|tagit livet av', 'smärt*', 'utskriv*', 'skrevs|skickades ut|hem']),
  ...area('care_quality', 1.0, ['upptäck*', 'brännskad*', 'ätstörning*', 'slutat äta', 'sjukdom*', 'tillsyn', 'aktivitet*|sysselsättning*'], true),
  ...area('care_quality', 0.8, ['bedömning*', 'ingen ~ hjälp', 'fick|får inte ~ hjälp', 'prover|provtagning*']),
  // Läkemedelshantering
  ...area('medication', 1.5, ['*medicin*', '*läkemedel*', '*tablett*', 'dosett*', '*insulin*', 'morfin*', 'opioid*', 'oxykodon*', 'narkotikaklass*', 'sömnmedel*', 'blodförtunn*', 'bensodiazepin*', 'psykofarmak*', 'antipsykotisk*', 'antibiotika*', 'penicillin*', 'delegering*', 'signeringslist*', 'läkemedelslist*', 'medicinskåp*', 'läkemedelsgenomgång*']),
  ...area('medication', 1.5, ['fel dos|doser|styrka', 'för hög dos', 'överdos*', 'felmedicin*'], true),
  ...area('medication', 1.0, ['dos|doser|dosen', 'lugnande', 'smärtlindr*', 'smärtstill*', 'recept*', 'förskriv*|förskrev', 'ordination*|ordinera*', 'apotek*', 'sprutor|injektion*', 'delegera*']),
  // Bemanning och kompetens
  ...area('staffing_competence', 1.5, ['personalbrist*', 'underbemann*', 'för lite|få personal|folk|anställda', 'ingen personal', 'ingen sjuksköterska|sköterska', 'saknar ~ utbildning|legitimation', 'ingen ~ utbildning', 'utan ~ utbildning|legitimation', 'outbildad*', 'bemanning*', 'ensam ~ natt*|natten|nätterna', 'jobbar|arbetar ensam']),
  ...area('staffing_competence', 1.0, ['vikarie*|vikarier', 'timvikarie*|timanställd*', 'hyrläkare*|stafett*', 'kompetens*', 'legitimation*', 'stressad*|stressade', 'hinner inte', 'inte hinner', 'kan ingen|inte svenska', 'nya|olika personer', 'nattpersonal*', 'extravak*']),
  ...area('staffing_competence', 1.0, ['var|är|vara|blir för få', 'nyanställd*', 'introduktion*', 'erfarenhet*', 'utan personal', 'bara en|två personal|personer', 'ingen ~ kan', 'kan inte ~ hantera|räkna|ge']),
  // Våld, övergrepp, hot och tvång
  ...area('safety_abuse', 1.5, ['slår|slog|slagit|slagen|slagna|misshand*', 'stryk', 'sparka*|knuff*', 'våld*', 'hot|hotar|hotade|hotat|hotfull*|hotad', 'övergrepp*', 'sexuell*|snuskig*|nakenbild*', 'våldt*', 'tafsa*', 'låser|låst|låstes|låses in', 'inlåst*', 'fasthålln*', 'håller|höll|hålla fast', 'bält*', 'fastspänd*', 'avskiljning*', 'tvång*', 'kniv*', 'blåmärk*', 'mobb*', 'tar på henne|honom|mig'], true),
  ...area('safety_abuse', 1.0, ['rädd|rädda|livrädd*', 'vågar inte', 'narkotika*|droger|knark*', 'rymt|rymmer|rymde|avvik*', 'retar', 'skrik*', 'slåss|slogs|bråk*'], true),
  // Hygien och smittskydd
  ...area('hygiene_infection', 1.5, ['smuts*|skitig*|ostädad*', '*hygien*', 'handsk*', 'handsprit*', '*smitt*', 'utbrott*', 'vinterkräk*|magsjuk*|kräksjuk*', 'covid*|corona*', 'skyddsutrustning*', 'steril*|osteril*', 'desinfek*', 'mrsa', 'skabb|löss|ohyra', 'kackerlack*|råttor|möss', 'matförgift*', 'blodsmitt*', 'engångs*'], true),
  ...area('hygiene_infection', 1.0, ['luktar|lukt|stank|stinker', 'rengör*|städ*', 'infektion*', 'tvätta* ~ händer*', 'urin|avföring|kiss*|bajs*', 'duscha*'], true),
  // Samverkan och informationsöverföring
  ...area('cooperation', 1.5, ['fördes|förs|vidarebefordra* inte ~ vidare', 'samordn*', 'samverk*', 'samarbet*', 'epikris*', 'överrapport*', 'vårdplan*', 'remiss*', 'hänvisar', 'varandra', 'ingen ~ information|informerat|informerade', 'inte ~ informera*|informerat', 'fått veta']),
  ...area('cooperation', 0.8, ['information*|informera*', 'socialtjänst*|socialsekreterare*|socialnämnd*', 'skolan|skola', 'kontakt*', 'anhöriga|föräldrarna', 'utskriv*', 'skrevs ut', 'svarar inte', 'ingen svarar']),
  ...area('cooperation', 1.0, ['mellan', 'når aldrig|inte fram', 'hör|hört|hörde av sig', 'följer|följde inte med', 'stämmer inte', 'pratat med oss']),
  // Tillgänglighet och väntetider
  ...area('access_waiting', 1.5, ['vänta*|väntat|väntetid*|väntelist*', 'kö|kön|köer|kötid*', 'komma fram', 'inte|ej ~ verkställ*', 'verkställ*', 'ingen tid', 'nekad*|nekade|nekas', 'avslag', 'tillgänglig*', 'boka*']),
  ...area('access_waiting', 0.8, ['månader', 'veckor', 'telefon*', 'svarar inte', 'ingen svarar', 'stängt|stängd*', 'utredning*', 'beslut*', 'hjälpmedel*']),
  // Bemötande, delaktighet och integritet
  ...area('dignity_respect', 1.5, ['bemöt*', 'otrevlig*|oförskämd*|nedlåtand*|respektlös*|dryg*', 'kränk*', 'förnedr*', 'integritet*', 'delaktig*', 'värdighet*|ovärdig*', 'tystnadsplikt*|sekretess*', 'lyssnar|lyssnade|lyssnat inte', 'inte ~ lyssna*', 'allvar', 'tillfrågad*', 'frågar|frågade|frågat inte', 'pratar|pratade illa|över', 'hånar|hånade|skrattar|skrattade', 'tiktok|instagram|facebook|snapchat|filmar|filmade'], true),
  ...area('dignity_respect', 1.0, ['sura|sur|dumma|elaka|elak', 'skriker|skrek|skäller', 'naken|nakna', 'tolk*', 'bestämmer|bestämma|bestäms|bestämt', 'välja', 'ignorer*', 'kallar ~ för', 'påverka', 'vara med']),
  ...area('dignity_respect', 1.0, ['respekt*', 'trevlig*', 'hälsar', 'förklara*|förklarar|förklarade', 'känner mig|sig', 'ledsen|ledsna', 'tycker|tyckte', 'knackar|knacka inte', 'privat*', 'språk', 'äcklig*']),
  // Dokumentation och journalföring
  ...area('documentation', 1.5, ['*journal*', 'dokumentation*|dokumenter*|odokumenter*', 'anteckning*', 'pärm*', 'genomförandeplan*', 'logglist*|loggar', 'journalför*', 'signering*', 'i efterhand', 'skrivits|skrev|skrivit om', 'rätta|rättar|rättade', 'ändrar|ändrat|ändrade i']),
  ...area('documentation', 0.8, ['skriver|skrev|skrivit in|ner', 'uppgifter*', 'rapport*|månadsrapport*', 'papper*', 'står det|inget']),
  // Lokaler, miljö och utrustning
  ...area('environment_premises', 1.5, ['lokal*', 'hiss*', 'mögel*|fukt*', 'ventilation*', 'trasig*|sönder', 'ur funktion', 'fungerar inte', 'brandlarm*|brandvarn*|brandskydd*', 'utrymning*', 'lyft|lyftar|taklyft*|lyften', 'rullstol*|rollator*', 'trygghetslarm*', 'dörrlås*', 'utrustning*', 'sterilisator*', 'operationssal*', 'källare*', 'ventilator*|andningsmaskin*|laddare*', 'sänggrind*', 'duschstol*']),
  ...area('environment_premises', 0.8, ['larm*', 'lås', 'kallt|varmt|drar', 'trappa*|trappor*|trapphus*', 'fönster*', 'badrum*', 'sängar|säng', 'toalett*', 'hjälpmedel*', 'material', 'parkering*']),
  // Ledning, avvikelsehantering och kvalitetsarbete
  ...area('management_systems', 1.5, ['*avvikelse*', 'lex sarah|maria', 'rutin*', 'kvalitetsarbet*|ledningssystem*|egenkontroll*', 'riskanalys*|riskbedömning*', 'utreds|utretts|utreddes|utredning*', 'följs|följdes|följts upp', 'uppföljning*', 'inget|ingenting händer', 'händer inget|ingenting', 'gör ingenting|inget', 'gör inte något|någonting', 'ledning*|ledningen']),
  ...area('management_systems', 1.0, ['chef*|chefen', 'enhetschef*|verksamhetschef*', 'åtgärd*', 'klagomål*', 'ansvar*', 'struntar', 'analys*', 'handlingsplan*']),
  // Oseriös aktör och ekonomisk brottslighet
  ...area('dishonest_operator', 1.5, ['fakturer*|faktura*|fakturor*', 'bedr*', 'fusk*', 'svart|svarta', 'kontant*', 'falsk*|förfalsk*', 'tidrapport*', 'skatteverket|ekobrott*', 'utan tillstånd', 'lönestöd*', 'bytt namn', 'konkurs*', 'målvakt*', 'kriminell*|dömd*|dömts', 'penningtvätt*', 'assistansersättning*', 'receptfabrik*', 'betalt för|i', 'arbetad tid', 'skrivs upp', 'aldrig gjordes|utförs|utfördes', 'återkallat|återkallats|återkallad*'], true),
  ...area('dishonest_operator', 1.0, ['ägare*|ägaren', 'bolag*', 'företag*', 'vinst*', 'pengar*', 'försäkringskassan', 'tillstånd*', 'kvitto*|kvitton', 'kallar sig']),
  // Urgency: immediate danger to life or health, or a child at risk now.
  ...acute(3.5, ['ta|tar|tog|tagit livet av', 'självmord*|suicid*', 'vill dö', 'vill inte leva', 'orkar inte ~ leva', 'hänga mig|sig', 'skada mig|sig själv', 'döda mig|henne|honom|dig'], { care_quality: 0.6 }),
  ...acute(3.5, ['slår|sparkar|slog mig', 'får stryk', 'vågar inte ~ hem|sova|tillbaka|vara|berätta|säga', 'hotar|hotade|hotat ~ döda', 'våldt*', 'tafsa*', 'tar på henne|honom|mig'], { safety_abuse: 0.6 }),
  ...acute(3.0, ['andas inte', 'svårt att andas', 'andas konstigt', 'medvetslös*', 'blöder', 'ligger på golvet', 'överdos*', 'uttorkad*', 'svälter', 'kräks', 'svimmar|svimmat', 'livrädd*']),
  ...acute(3.0, ['inte ~ fått ~ mat|vätska|vatten|dricka|äta', 'ingen mat|vätska', 'slut på mat', 'utan mat|vatten|vätska', 'får inte äta|dricka', 'inte ~ fått ~ *medicin*|*insulin*|*läkemedel*|smärtlindring', 'inte ~ ätit|druckit'], { care_quality: 0.4 }),
  ...acute(2.0, ['ensam|ensamma ~ natt|natten|nätterna|morgonen', 'låsa|låser|låst|låses ~ utifrån', 'brandlarm*|utrymningsväg* ~ avstängt|blockerade|låsta|funktion', 'dött|dog|avlidit|avled|dödsfall*', 'kniv*', 'bältad*|fastspänd*', 'inlåst*', 'låser|låst in', 'försvunn*', 'vet inte|ingen var', 'rymt', 'skurit|skär mig|sig', 'snälla', 'hjälp mig|oss', 'akut*', '112|ambulans*', 'livets slutskede']),
  ...acute(1.0, ['förvirrad*', 'rädd', 'hotad*|hotar|hotat', 'svarar inte', 'ensam med', 'hjälp']),
  // Broader signs of danger to life (suicide, medical emergency, fire, serious violence) and of someone left
  // without help right now.
  ...acute(3.0, ['ta|tar|tog ~ sitt|mitt|ditt|sina liv', 'avsluta ~ livet|liv', 'livsfara*|livshotand*', 'dö', 'går inte att väcka', 'vaknar inte', 'kramp*', 'chock*', 'bröstsmärt*', 'ont i bröstet', 'förgift*', 'brinner|brann|eldsvåda*', 'hugga|huggit|knivhugg*|skjuta|skjuter', 'strypa|strypt|strypte|stryptag*', 'slå ihjäl', 'varken ~ mat|vatten|mat*|tabletter|mediciner|medicin']),
  ...acute(2.0, ['väcka', 'svag|svagare|slö', 'mår allt sämre', 'sämre och sämre', 'blodsocker*', 'transfusion*|blodgrupp*', 'hög feber', 'andning*', 'ingen ~ har varit|kommit', 'har inte kommit', 'inte ~ varit där', 'ingen ~ kvar', 'inte ~ kvar', 'ingen vågar', 'blåmärken överallt']),
  // Time words: something is happening now or tonight. A negation does not turn them around.
  ...acute(2.0, ['i natt|kväll', 'inatt|ikväll', 'just nu', 'igen i kväll|natt', 'timme|timmar sedan', 'sedan i går|förrgår|morse', 'innan morgonen', 'i eftermiddag|förmiddag'], {}, false),
  ...acute(1.0, ['nu', 'idag', 'i dag', 'fortfarande'], {}, false),
  // High: serious harm or risk that is not immediate.
  ...[
    'allvarlig*', 'skada*|skadad*|skadades', 'upprepade', 'flera gånger', 'minst', 'har hänt', 'blåmärk*', 'infekter*', 'bedrägeri*',
  ].map((pattern): Cue => ({ pattern, weights: { high: 0.8 } })),
  // Normal: questions and everyday shortcomings.
  ...['undrar', 'fråga*', 'tipsa', 'otrevlig*', 'väntetid*', 'vill bara', 'beröm'].map((pattern): Cue => ({ pattern, weights: { normal: 0.8 } })),
];

// --- Matching ----------------------------------------------------------------------------------------------
interface Alternative { text: string; prefix: boolean; infix: boolean }
type Slot = { gap: number } | { alternatives: Alternative[] };

interface CompiledCue {
  id: string;
  cue: Cue;
  slots: Slot[];
  containsNegation: boolean;
}

function compile(cue: Cue): CompiledCue {
  const slots: Slot[] = cue.pattern.split(/\s+/).map((part) =>
    part === '~' ? { gap: 2 } : { alternatives: part.split('|').map((alt) => ({ text: alt.replace(/^\*|\*$/g, ''), prefix: alt.endsWith('*'), infix: alt.startsWith('*') })) },
  );
  const containsNegation = cue.pattern.split(/[\s|]+/).some((word) => NEGATIONS.has(word));
  return { id: `cue:${cue.pattern}`, cue, slots, containsNegation };
}

/** Cues keyed by feature id; a pattern listed twice (in several areas) keeps all its weights. */
export const COMPILED_CUES: CompiledCue[] = (() => {
  const byPattern = new Map<string, Cue>();
  for (const cue of CUES) {
    const existing = byPattern.get(cue.pattern);
    if (!existing) {
      byPattern.set(cue.pattern, { ...cue, weights: { ...cue.weights } });
      continue;
    }
    for (const [output, weight] of Object.entries(cue.weights) as [Output, number][]) {
      existing.weights[output] = (existing.weights[output] ?? 0) + weight;
    }
    existing.problem = existing.problem || cue.problem;
  }
  return [...byPattern.values()].map(compile);
})();

/** Starting weights of each cue feature. */
export const CUE_PRIORS: Map<string, Partial<Record<Output, number>>> = new Map(COMPILED_CUES.map((c) => [c.id, c.cue.weights]));

function wordMatches(word: string, alternatives: Alternative[]): boolean {
  return alternatives.some((alt) => (alt.infix ? word.includes(alt.text) : alt.prefix ? word.startsWith(alt.text) : word === alt.text));
}

/** End index (exclusive) of a match of `slots` starting at token `start`, or -1. */
function matchAt(tokens: Token[], slots: Slot[], start: number): number {
  const step = (slot: number, position: number): number => {
    if (slot === slots.length) return position;
    const current = slots[slot];
    if ('gap' in current) {
      for (let skip = 0; skip <= current.gap; skip++) {
        const at = position + skip;
        if (at > tokens.length) break;
        if (skip > 0 && tokens[at - 1] && at - 1 > start && tokens[at - 1].boundaryBefore) break;
        const end = step(slot + 1, at);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (position >= tokens.length) return -1;
    if (position > start && tokens[position].boundaryBefore) return -1;
    return wordMatches(tokens[position].norm, current.alternatives) ? step(slot + 1, position + 1) : -1;
  };
  return step(0, start);
}

export interface CueMatch {
  id: string;
  /** Token range [first, last). */
  first: number;
  last: number;
  /** Reduced by a negation or a denial. */
  negated: boolean;
}

/** All cue matches, at most one per cue (its first unnegated match, else its first match). */
export function matchCues(tokens: Token[]): CueMatch[] {
  const matches: CueMatch[] = [];
  for (const compiled of COMPILED_CUES) {
    let found: CueMatch | undefined;
    const first = compiled.slots[0];
    for (let i = 0; i < tokens.length; i++) {
      if ('alternatives' in first && !wordMatches(tokens[i].norm, first.alternatives)) continue;
      const end = matchAt(tokens, compiled.slots, i);
      if (end < 0) continue;
      const denied = tokens[i].denied;
      const negated =
        denied ||
        (compiled.cue.problem === true && !compiled.containsNegation && (negationBefore(tokens, i) !== undefined || negationAfter(tokens, end) !== undefined));
      const match = { id: compiled.id, first: i, last: end, negated };
      if (!negated) {
        found = match;
        break;
      }
      found ??= match;
    }
    if (found) matches.push(found);
  }
  return matches;
}
