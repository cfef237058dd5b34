// Classify one Swedish text: risk areas with scores, urgency, and the words that drove the answer.
import { RISK_AREAS, type RiskArea } from '../../registry/codes.ts';
import { loadLabelledTexts } from './dataset.ts';
import { extractFeatures } from './features.ts';
import { decide, featureWeights, OUTPUTS, RISK_CODES, score, trainModel, type Model, type Urgency } from './model.ts';

export const URGENCY_LABELS: Record<Urgency, string> = { acute: 'Akut', high: 'Hög', normal: 'Normal' };
export const MAX_TEXT_LENGTH = 50_000;
const PHRASES_PER_CLASS = 4;
const MAX_PHRASE_LENGTH = 36;
const MIN_PHRASE_WEIGHT = 0.3;

/** The text cannot be classified (empty, no words, too long). */
export class ClassifierInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassifierInputError';
  }
}

export interface Evidence {
  /** A risk-area code or an urgency level. */
  code: RiskArea | Urgency;
  phrase: string;
  weight: number;
}

export interface Classification {
  riskAreas: { code: RiskArea; score: number }[];
  urgency: Urgency;
  /** Swedish: which words and phrases drove the answer, per chosen class. */
  explanation: string;
  evidence: Evidence[];
}

let cachedDefault: Model | undefined;

/** The model trained on the labelled set in the repository (trained once per process, in milliseconds). */
export function defaultModel(): Model {
  cachedDefault ??= trainModel(loadLabelledTexts());
  return cachedDefault;
}

interface Span {
  start: number;
  end: number;
  weight: number;
}

/** Merge overlapping contributions into phrases and keep the strongest few. */
function phrases(contributions: Span[]): Span[] {
  const chosen: Span[] = [];
  for (const candidate of [...contributions].sort((a, b) => b.weight - a.weight)) {
    const overlapping = chosen.find((span) => candidate.start < span.end && span.start < candidate.end);
    if (overlapping) {
      const start = Math.min(overlapping.start, candidate.start);
      const end = Math.max(overlapping.end, candidate.end);
      if (end - start <= MAX_PHRASE_LENGTH) Object.assign(overlapping, { start, end });
      overlapping.weight += candidate.weight;
    } else if (chosen.length < PHRASES_PER_CLASS) {
      chosen.push({ ...candidate });
    }
  }
  chosen.sort((a, b) => b.weight - a.weight);
  // Leave out words that only nudged the answer, so the explanation names what really drove it.
  const floor = Math.max(MIN_PHRASE_WEIGHT, (chosen[0]?.weight ?? 0) * 0.2);
  return chosen.filter((span) => span.weight >= floor);
}

const quote = (text: string, span: Span) => text.slice(span.start, span.end).replace(/\s+/g, ' ').toLowerCase();
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function classifyText(text: string, model: Model = defaultModel()): Classification {
  if (typeof text !== 'string' || text.trim() === '') throw new ClassifierInputError('the text is empty');
  if (text.length > MAX_TEXT_LENGTH) throw new ClassifierInputError(`the text is longer than ${MAX_TEXT_LENGTH} characters`);
  const { tokens, features } = extractFeatures(text);
  if (!tokens.some((token) => /\p{L}/u.test(token.norm))) throw new ClassifierInputError('the text contains no words');

  const decision = decide(model, score(model, features));
  const urgencyIndexes = OUTPUTS.map((_, k) => k).filter((k) => k >= RISK_CODES.length);

  const contributionsFor = (k: number): Span[] => {
    const spans: Span[] = [];
    for (const [name, feature] of features) {
      if (feature.negated) continue;
      const weights = featureWeights(model, name);
      if (!weights) continue;
      // For urgency, what counts is how much a word favours this level over the levels on average.
      const relative = k < RISK_CODES.length ? weights[k] : weights[k] - urgencyIndexes.reduce((sum, u) => sum + weights[u], 0) / urgencyIndexes.length;
      const weight = relative * feature.value;
      if (weight > 0) spans.push({ start: feature.start, end: feature.end, weight });
    }
    return phrases(spans);
  };

  const evidence: Evidence[] = [];
  const parts: string[] = [];
  for (const { code } of decision.riskAreas) {
    const found = contributionsFor(RISK_CODES.indexOf(code));
    for (const span of found) evidence.push({ code, phrase: quote(text, span), weight: round(span.weight, 3) });
    parts.push(`${RISK_AREAS[code]}: ${found.length ? found.map((span) => `"${quote(text, span)}"`).join(', ') : 'inga enskilda ord, helheten'}`);
  }
  const urgencyFound = contributionsFor(OUTPUTS.indexOf(decision.urgency));
  for (const span of urgencyFound) evidence.push({ code: decision.urgency, phrase: quote(text, span), weight: round(span.weight, 3) });
  const urgencyWords = urgencyFound.map((span) => `"${quote(text, span)}"`).join(', ');
  parts.push(
    `${URGENCY_LABELS[decision.urgency]}: ${urgencyWords || (decision.urgency === 'normal' ? 'inga tecken på akut fara' : 'helheten')}`,
  );

  return {
    riskAreas: decision.riskAreas.map(({ code, score: p }) => ({ code, score: round(p, 2) })),
    urgency: decision.urgency,
    explanation: parts.join('; '),
    evidence,
  };
}
