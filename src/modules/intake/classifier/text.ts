// Swedish text normalisation for the classifier: tokens with their place in the original text, spelling
// normalisation for the way children and hurried writers spell, a light Swedish stemmer (the Snowball
// Swedish algorithm), stop words and negation scope.

export interface Token {
  /** Lower-case, accent-folded (å, ä, ö kept), spelling-normalised word. */
  norm: string;
  /** Stem of `norm`. */
  stem: string;
  /** Character offsets of the word in the original text. */
  start: number;
  end: number;
  /** A clause boundary (punctuation or "men") lies between this token and the previous one. */
  boundaryBefore: boolean;
  /** The word is inside the scope of a denial ("inga problem med …", "aldrig slagit"); set by `markDenials`. */
  denied: boolean;
}

/** Common informal spellings → standard words. Only whole words are replaced. */
const SPELLING: Record<string, string> = {
  ja: 'jag', jg: 'jag', mej: 'mig', dej: 'dig', sej: 'sig', int: 'inte', inge: 'inte', o: 'och', å: 'och',
  e: 'är', ä: 'är', nån: 'någon', nåt: 'något', nått: 'något', nåra: 'några', dom: 'de', dem: 'de',
  sen: 'sedan', asså: 'alltså', assa: 'alltså', va: 'vara', ba: 'bara', kmr: 'kommer', medecin: 'medicin',
  medisin: 'medicin', medisiner: 'mediciner', medeciner: 'mediciner', snäla: 'snälla', pers: 'personal',
  socialen: 'socialtjänsten', soc: 'socialtjänsten', personalet: 'personalen',
};

const VOWELS = new Set('aeiouyäåö');

/** Lower-case, fold accents except å/ä/ö, collapse letters repeated three times or more ("hjääälp"). */
export function normaliseWord(raw: string): string {
  let word = raw.toLowerCase().normalize('NFD');
  // Keep å (a + ring), ä and ö (a/o + diaeresis); drop other combining marks (é → e, ü → u).
  word = word.replace(/([ao])\u0308/g, (_, base: string) => (base === 'a' ? 'ä' : 'ö'));
  word = word.replace(/a\u030a/g, 'å').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  word = word.replace(/(\p{L})\1{2,}/gu, (_, letter: string) => (VOWELS.has(letter) ? letter : letter + letter));
  return SPELLING[word] ?? word;
}

// --- Snowball Swedish stemmer ------------------------------------------------------------------------------
const STEP1 = [
  'heterna', 'hetens', 'anden', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'andes', 'arens', 'andet',
  'arna', 'erna', 'orna', 'ande', 'arne', 'aste', 'aren', 'ades', 'erns',
  'ade', 'are', 'ern', 'ens', 'het', 'ast',
  'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at', 'et',
  'a', 'e',
];
const S_ENDING = new Set('bcdfghjklmnoprtvy');
const DOUBLES = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

function regionOne(word: string): number {
  let i = 0;
  while (i < word.length && !VOWELS.has(word[i])) i++;
  while (i < word.length && VOWELS.has(word[i])) i++;
  const p1 = i + 1;
  if (p1 > word.length) return word.length;
  return Math.max(p1, 3);
}

export function stem(word: string): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  const p1 = regionOne(word);
  let w = word;
  // Step 1: main suffixes.
  let removed = false;
  for (const suffix of STEP1) {
    if (w.endsWith(suffix) && w.length - suffix.length >= p1) {
      w = w.slice(0, -suffix.length);
      removed = true;
      break;
    }
  }
  if (!removed && w.endsWith('s') && w.length - 1 >= p1 && S_ENDING.has(w[w.length - 2])) w = w.slice(0, -1);
  // Step 2: consonant pairs.
  if (w.length - 2 >= p1 && DOUBLES.some((pair) => w.endsWith(pair))) w = w.slice(0, -1);
  // Step 3: other suffixes.
  if (w.endsWith('fullt') && w.length - 5 >= p1) w = w.slice(0, -1);
  else if (w.endsWith('löst') && w.length - 4 >= p1) w = w.slice(0, -1);
  else if (w.endsWith('lig') && w.length - 3 >= p1) w = w.slice(0, -3);
  else if (w.endsWith('els') && w.length - 3 >= p1) w = w.slice(0, -3);
  else if (w.endsWith('ig') && w.length - 2 >= p1) w = w.slice(0, -2);
  return w;
}

// --- Tokens ----------------------------------------------------------------------------------------------
const WORD = /[\p{L}\p{N}]+/gu;
const BOUNDARY = /[.,;:!?()\n"”]/;

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let pendingBoundary = false;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const norm = normaliseWord(match[0]);
    const boundary = pendingBoundary || BOUNDARY.test(text.slice(previousEnd, start));
    previousEnd = end;
    if (norm === 'men') {
      // "men" starts a new clause; the word itself carries nothing for the classes.
      pendingBoundary = true;
      continue;
    }
    tokens.push({ norm, stem: stem(norm), start, end, boundaryBefore: tokens.length > 0 && boundary, denied: false });
    pendingBoundary = false;
  }
  return tokens;
}

export const STOP_WORDS = new Set([
  'och', 'i', 'på', 'att', 'det', 'som', 'en', 'ett', 'är', 'den', 'de', 'för', 'med', 'till', 'av', 'har',
  'hade', 'var', 'om', 'så', 'jag', 'du', 'han', 'hon', 'vi', 'ni', 'mig', 'dig', 'sig', 'oss', 'er', 'honom',
  'henne', 'hans', 'hennes', 'deras', 'min', 'mitt', 'mina', 'din', 'ditt', 'dina', 'sin', 'sitt', 'sina',
  'vår', 'vårt', 'våra', 'eller', 'när', 'då', 'sedan', 'kan', 'ska', 'skulle', 'blir', 'blev', 'bli', 'varit',
  'vara', 'ju', 'bara', 'också', 'även', 'här', 'där', 'vad', 'vem', 'hur', 'varför', 'vilket', 'vilka',
  'vilken', 'någon', 'något', 'några', 'alla', 'allt', 'mycket', 'mer', 'från', 'efter', 'mot', 'hos', 'denna',
  'detta', 'dessa', 'man', 'får', 'fick', 'fått', 'få', 'hej', 'alltså', 'typ', 'liksom', 'ett', 'två', 'samma',
  'sådan', 'själv', 'också', 'the', 'ha', 'gör', 'göra', 'gjorde', 'gjort', 'än', 'vid', 'ut', 'upp', 'in',
]);

/** Words that turn the words after them into a denial of a problem, as in "inga problem med medicinen". */
export const NEGATIONS = new Set(['inte', 'ej', 'icke', 'ingen', 'inget', 'inga', 'aldrig']);
/** "inga problem med …", "ingen fara med …", "aldrig haft några klagomål på …". */
const DENIAL_HEADS = /^(problem|fara|bekymmer|klagomål|anmärkning|synpunkt|brist|konstig|oro|fel)/;
/** After a negation these verbs describe something missing, which is itself the problem ("fick inte mat"). */
const DEPRIVATION_VERBS = new Set([
  'får', 'fick', 'fått', 'få', 'ges', 'ge', 'ger', 'gav', 'gett', 'givit', 'gavs', 'givits', 'hinner', 'hann',
  'hunnit', 'finns', 'fanns', 'funnits', 'kommer', 'kom', 'kommit', 'tar', 'tog', 'tagit', 'erbjuds', 'delas',
]);

/** Tokens within this many tokens after a negation are in its scope. */
export const NEGATION_WINDOW = 3;

/**
 * Index of the negation word (if any) whose scope covers the token at `index` and that is a plain negation
 * of the following words (not a deprivation like "fick inte mat"). Scope stops at a clause boundary.
 */
export function negationBefore(tokens: Token[], index: number): number | undefined {
  for (let j = index - 1; j >= 0 && j >= index - NEGATION_WINDOW; j--) {
    if (tokens[j + 1].boundaryBefore) return undefined;
    if (NEGATIONS.has(tokens[j].norm)) {
      const before = tokens[j - 1];
      const after = tokens[j + 1];
      const deprivation = (before && !tokens[j].boundaryBefore && DEPRIVATION_VERBS.has(before.norm)) || (after && DEPRIVATION_VERBS.has(after.norm));
      return deprivation ? undefined : j;
    }
  }
  return undefined;
}

/**
 * A negation right after a word (Swedish puts it after the verb: "slår aldrig", "luktar inte") negates it,
 * unless the negation is followed by a deprivation ("slår inte ... får inte mat" is two clauses anyway).
 */
export function negationAfter(tokens: Token[], end: number): number | undefined {
  for (let j = end; j < tokens.length && j <= end + 1; j++) {
    if (tokens[j].boundaryBefore) return undefined;
    if (NEGATIONS.has(tokens[j].norm)) {
      const after = tokens[j + 1];
      return after && !after.boundaryBefore && DEPRIVATION_VERBS.has(after.norm) ? undefined : j;
    }
  }
  return undefined;
}

/**
 * Mark words in the scope of a denial: a negation followed within two words by a denial head ("inga
 * problem", "aldrig haft några klagomål") denies the next four words after the head, up to a clause boundary.
 */
export function markDenials(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATIONS.has(tokens[i].norm)) continue;
    for (let h = i + 1; h <= i + 3 && h < tokens.length; h++) {
      if (tokens[h].boundaryBefore) break;
      if (!DENIAL_HEADS.test(tokens[h].norm)) continue;
      tokens[h].denied = true;
      for (let k = h + 1; k <= h + 4 && k < tokens.length; k++) {
        if (tokens[k].boundaryBefore) break;
        tokens[k].denied = true;
      }
      break;
    }
  }
}
