// From a Swedish text to the sparse features the model weighs: word stems, word-stem pairs and lexicon
// phrases, each with the place in the text it came from so that an explanation can quote it.
import { matchCues } from './lexicon.ts';
import { markDenials, STOP_WORDS, tokenise, type Token } from './text.ts';

export interface Feature {
  value: number;
  /** Character offsets of the first occurrence, for quoting. */
  start: number;
  end: number;
  /** The words are negated or denied ("inga problem med medicinen", "aldrig slagit"). */
  negated: boolean;
}

export type FeatureVector = Map<string, Feature>;

/** A negated lexicon phrase keeps this share of its value. */
export const NEGATED_CUE_VALUE = 0.25;
const NEGATED_PREFIX = '¬';

export interface ExtractedText {
  tokens: Token[];
  features: FeatureVector;
}

function usefulWord(token: Token): boolean {
  return !STOP_WORDS.has(token.norm) && (token.norm.length > 1 || /\d/.test(token.norm));
}

export function extractFeatures(text: string): ExtractedText {
  const tokens = tokenise(text);
  markDenials(tokens);
  const features: FeatureVector = new Map();
  const add = (name: string, value: number, start: number, end: number, negated: boolean) => {
    if (!features.has(name)) features.set(name, { value, start, end, negated });
  };

  const cues = matchCues(tokens);
  const negatedToken = tokens.map((t) => t.denied);
  for (const cue of cues) {
    const first = tokens[cue.first];
    const last = tokens[cue.last - 1];
    add(cue.id, cue.negated ? NEGATED_CUE_VALUE : 1, first.start, last.end, cue.negated);
    if (cue.negated) for (let i = cue.first; i < cue.last; i++) negatedToken[i] = true;
  }

  tokens.forEach((token, i) => {
    if (usefulWord(token)) {
      const negated = negatedToken[i];
      add(`${negated ? NEGATED_PREFIX : ''}w:${token.stem}`, 1, token.start, token.end, negated);
    }
    const previous = tokens[i - 1];
    if (previous && !token.boundaryBefore && (usefulWord(previous) || usefulWord(token))) {
      const negated = negatedToken[i] || negatedToken[i - 1];
      add(`${negated ? NEGATED_PREFIX : ''}b:${previous.stem}_${token.stem}`, 1, previous.start, token.end, negated);
    }
  });
  return { tokens, features };
}
