// The classifier's model: one logistic regression per risk area (several areas can apply) and a softmax
// regression over the three urgency levels, all over the same sparse features. Lexicon phrases start at their
// curated weights and are regularised back towards them; every other feature starts at zero. The model is
// plain JSON, so the application can store it, and it learns from staff corrections one at a time.
import { RISK_AREAS, URGENCIES, type RiskArea } from '../../registry/codes.ts';
import { extractFeatures, type FeatureVector } from './features.ts';
import { CUE_PRIORS, type Output, type Urgency } from './lexicon.ts';

export type { Urgency } from './lexicon.ts';

export const RISK_CODES = Object.keys(RISK_AREAS) as RiskArea[];
export const OUTPUTS: Output[] = [...RISK_CODES, ...URGENCIES];
const RISK_COUNT = RISK_CODES.length;
const URGENCY_INDEX: Record<Urgency, number> = { acute: RISK_COUNT, high: RISK_COUNT + 1, normal: RISK_COUNT + 2 };

export interface LabelledText {
  text: string;
  riskAreas: RiskArea[];
  urgency: Urgency;
}

export interface TrainingExample extends LabelledText {
  /**
   * How much the example counts (default 1). Give staff corrections 2 or more: they then count more than the
   * labelled set, and their words are learned even when no other text has them.
   */
  weight?: number;
}

export interface Thresholds {
  /** A risk area is reported when its probability reaches this (the most likely area is always reported). */
  riskArea: number;
  /** Urgency is acute when the probability of acute reaches this: low, because a missed acute signal is worse than a false alarm. */
  acute: number;
}

export interface Model {
  format: 'vaka-intake-classifier';
  version: 1;
  outputs: Output[];
  bias: number[];
  /** Feature → one weight per output. Features missing here use their lexicon weights, or none. */
  weights: Record<string, number[]>;
  thresholds: Thresholds;
  trainedOn: { examples: number; corrections: number };
  /** In how many training texts (and corrections) each word or phrase occurred: corrections move rare, telling words more than common ones. */
  documentFrequency: Record<string, number>;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 pull of each weight towards its starting value. */
  regularisation: number;
  seed: number;
  /** Words and word pairs found in fewer training texts than this are left out (lexicon phrases never are). */
  minDocumentFrequency: number;
  thresholds: Thresholds;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 30,
  learningRate: 0.15,
  regularisation: 0.3,
  seed: 20240611,
  minDocumentFrequency: 2,
  thresholds: { riskArea: 0.4, acute: 0.2 },
};

/** Urgency classes are weighted in training: missing an acute text costs more. */
const URGENCY_CLASS_WEIGHT: Record<Urgency, number> = { acute: 2, high: 1, normal: 1 };

function priorVector(feature: string): number[] | undefined {
  const prior = CUE_PRIORS.get(feature);
  if (!prior) return undefined;
  return OUTPUTS.map((output) => prior[output] ?? 0);
}

const ZERO = new Array<number>(OUTPUTS.length).fill(0);

/** The weights of a feature: learned, else the lexicon's, else none. */
export function featureWeights(model: Model, feature: string): number[] | undefined {
  return model.weights[feature] ?? priorVector(feature);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface RawScores {
  /** Probability per risk area, in RISK_CODES order. */
  riskAreas: number[];
  /** Probability per urgency, in URGENCIES order. */
  urgency: number[];
}

export function score(model: Model, features: FeatureVector): RawScores {
  const z = [...model.bias];
  for (const [name, feature] of features) {
    const weights = featureWeights(model, name);
    if (!weights) continue;
    for (let k = 0; k < z.length; k++) z[k] += weights[k] * feature.value;
  }
  const riskAreas = z.slice(0, RISK_COUNT).map(sigmoid);
  const logits = z.slice(RISK_COUNT);
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { riskAreas, urgency: exps.map((v) => v / sum) };
}

export interface Decision {
  riskAreas: { code: RiskArea; score: number }[];
  urgency: Urgency;
}

export function decide(model: Model, scores: RawScores): Decision {
  const ranked = RISK_CODES.map((code, k) => ({ code, score: scores.riskAreas[k] })).sort((a, b) => b.score - a.score);
  const chosen = ranked.filter((r, i) => i === 0 || r.score >= model.thresholds.riskArea);
  const [acute, high, normal] = scores.urgency;
  const urgency: Urgency = acute >= model.thresholds.acute ? 'acute' : high >= normal ? 'high' : 'normal';
  return { riskAreas: chosen, urgency };
}

// --- Training ----------------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so training is deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function targets(example: LabelledText): number[] {
  const y = OUTPUTS.map(() => 0);
  for (const code of example.riskAreas) y[RISK_CODES.indexOf(code)] = 1;
  y[URGENCY_INDEX[example.urgency]] = 1;
  return y;
}

interface Prepared {
  features: FeatureVector;
  y: number[];
  weight: number;
}

/** Per-output multipliers of the error: rare risk areas' positive examples count more. */
interface ErrorWeights {
  positive: number[];
}

function sgdStep(
  model: Model,
  example: Prepared,
  errorWeights: ErrorWeights,
  learningRate: number,
  regularisation: number,
  options: { updateBias: boolean; featureRate?: (name: string) => number } = { updateBias: true },
): void {
  const scores = score(model, example.features);
  const gradient = OUTPUTS.map((output, k) => {
    if (k < RISK_COUNT) {
      const error = scores.riskAreas[k] - example.y[k];
      return error * (example.y[k] === 1 ? errorWeights.positive[k] : 1) * example.weight;
    }
    const u = k - RISK_COUNT;
    const target = URGENCIES[example.y.slice(RISK_COUNT).indexOf(1)];
    return (scores.urgency[u] - example.y[k]) * URGENCY_CLASS_WEIGHT[target] * example.weight;
  });
  for (const [name, feature] of example.features) {
    const prior = priorVector(name);
    const weights = (model.weights[name] ??= prior ? [...prior] : [...ZERO]);
    const rate = learningRate * (options.featureRate ? options.featureRate(name) : 1);
    for (let k = 0; k < weights.length; k++) {
      weights[k] -= rate * (gradient[k] * feature.value + regularisation * (weights[k] - (prior ? prior[k] : 0)));
    }
  }
  if (options.updateBias) for (let k = 0; k < model.bias.length; k++) model.bias[k] -= learningRate * gradient[k];
}

function validateExample(example: LabelledText, where: string): void {
  if (typeof example.text !== 'string' || example.text.trim() === '') throw new Error(`${where}: text must be a non-empty string`);
  if (!Array.isArray(example.riskAreas) || example.riskAreas.length === 0) throw new Error(`${where}: riskAreas must name at least one risk area`);
  for (const code of example.riskAreas) if (!RISK_CODES.includes(code)) throw new Error(`${where}: unknown risk area "${code}"`);
  if (!URGENCIES.includes(example.urgency)) throw new Error(`${where}: unknown urgency "${example.urgency}"`);
}

function emptyModel(thresholds: Thresholds): Model {
  return {
    format: 'vaka-intake-classifier',
    version: 1,
    outputs: [...OUTPUTS],
    bias: OUTPUTS.map(() => 0),
    weights: {},
    thresholds: { ...thresholds },
    trainedOn: { examples: 0, corrections: 0 },
    documentFrequency: {},
  };
}

/** Train a model from labelled texts (the labelled set plus any stored staff corrections). Deterministic. */
export function trainModel(examples: TrainingExample[], options: Partial<TrainingOptions> = {}): Model {
  const settings = { ...DEFAULT_TRAINING, ...options };
  examples.forEach((example, i) => validateExample(example, `example ${i + 1}`));
  const model = emptyModel(settings.thresholds);
  if (examples.length === 0) return model;
  const extracted = examples.map((example) => extractFeatures(example.text).features);
  const documentFrequency = new Map<string, number>();
  // Weighted, so a staff correction given weight ≥ 2 keeps its own words even if no other text has them.
  extracted.forEach((features, i) => {
    for (const name of features.keys()) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + (examples[i].weight ?? 1));
  });
  const kept = (name: string) => CUE_PRIORS.has(name) || (documentFrequency.get(name) ?? 0) >= settings.minDocumentFrequency;
  const prepared: Prepared[] = examples.map((example, i) => ({
    features: new Map([...extracted[i]].filter(([name]) => kept(name))),
    y: targets(example),
    weight: example.weight ?? 1,
  }));
  // Start the biases at the label frequencies.
  const total = prepared.reduce((sum, p) => sum + p.weight, 0);
  const frequency = OUTPUTS.map((_, k) => (prepared.reduce((sum, p) => sum + p.y[k] * p.weight, 0) + 0.5) / (total + 1));
  const positive = frequency.slice(0, RISK_COUNT).map((f) => Math.min(4, Math.sqrt((1 - f) / f)));
  for (let k = 0; k < OUTPUTS.length; k++) model.bias[k] = k < RISK_COUNT ? Math.log(frequency[k] / (1 - frequency[k])) : Math.log(frequency[k]);

  const random = seededRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const learningRate = settings.learningRate / (1 + epoch * 0.1);
    for (const example of shuffle(prepared, random)) sgdStep(model, example, { positive }, learningRate, settings.regularisation);
  }
  model.trainedOn = { examples: examples.length, corrections: 0 };
  for (const name of Object.keys(model.weights)) model.documentFrequency[name] = documentFrequency.get(name) ?? 0;
  return compact(model);
}

/** Round weights (smaller JSON) and drop features whose weights stayed at their starting values. */
function compact(model: Model): Model {
  const weights: Record<string, number[]> = {};
  for (const [name, vector] of Object.entries(model.weights)) {
    const prior = priorVector(name);
    const rounded = vector.map((w) => Math.round(w * 1e4) / 1e4);
    if (rounded.every((w, k) => Math.abs(w - (prior ? prior[k] : 0)) < 1e-4)) continue;
    weights[name] = rounded;
  }
  const documentFrequency: Record<string, number> = {};
  for (const name of Object.keys(weights)) if (model.documentFrequency[name]) documentFrequency[name] = model.documentFrequency[name];
  return { ...model, bias: model.bias.map((b) => Math.round(b * 1e4) / 1e4), weights, documentFrequency };
}

// --- Corrections -------------------------------------------------------------------------------------------

export type Correction = LabelledText;

const CORRECTION_MARGIN = 0.1;
const CORRECTION_MAX_STEPS = 60;
const CORRECTION_LEARNING_RATE = 0.3;

function follows(model: Model, features: FeatureVector, correction: Correction): boolean {
  const scores = score(model, features);
  const { riskArea, acute } = model.thresholds;
  for (let k = 0; k < RISK_COUNT; k++) {
    const wanted = correction.riskAreas.includes(RISK_CODES[k]);
    if (wanted && scores.riskAreas[k] < riskArea + CORRECTION_MARGIN) return false;
    if (!wanted && scores.riskAreas[k] > riskArea - CORRECTION_MARGIN) return false;
  }
  const [pAcute, pHigh, pNormal] = scores.urgency;
  switch (correction.urgency) {
    case 'acute':
      return pAcute >= acute + CORRECTION_MARGIN;
    case 'high':
      return pAcute < acute - CORRECTION_MARGIN && pHigh > pNormal + CORRECTION_MARGIN;
    case 'normal':
      return pAcute < acute - CORRECTION_MARGIN && pNormal > pHigh + CORRECTION_MARGIN;
  }
}

/**
 * Learn from one staff correction: gradient steps on the corrected text until the model gives the staff's
 * answer with a margin, so that the next similar text follows it. Pure: returns a new model.
 */
export function updateModel(model: Model, correction: Correction): Model {
  validateExample(correction, 'correction');
  const next: Model = {
    ...model,
    bias: [...model.bias],
    weights: { ...model.weights },
    thresholds: { ...model.thresholds },
    trainedOn: { ...model.trainedOn, corrections: model.trainedOn.corrections + 1 },
  };
  const { features } = extractFeatures(correction.text);
  // Copy the vectors this text touches, so the old model is left as it was.
  for (const name of features.keys()) if (next.weights[name]) next.weights[name] = [...next.weights[name]];
  // Rare words carry the correction (inverse document frequency, 1 for a word never seen, less for common ones).
  const documents = model.trainedOn.examples + model.trainedOn.corrections + 1;
  const maxIdf = Math.log(documents + 1);
  const featureRate = (name: string) => Math.log((documents + 1) / ((model.documentFrequency[name] ?? 0) + 1)) / maxIdf;
  next.documentFrequency = { ...model.documentFrequency };
  for (const name of features.keys()) next.documentFrequency[name] = (next.documentFrequency[name] ?? 0) + 1;
  const example: Prepared = { features, y: targets(correction), weight: 1 };
  const positive = RISK_CODES.map(() => 1);
  for (let step = 0; step < CORRECTION_MAX_STEPS && !follows(next, features, correction); step++) {
    // Only the weights of this text's words move; the biases stay, so unrelated texts are not affected.
    sgdStep(next, example, { positive }, CORRECTION_LEARNING_RATE, 0, { updateBias: false, featureRate });
  }
  return compact(next);
}

/** Check that a parsed JSON value is a model this code can use. */
export function modelFromJson(value: unknown): Model {
  const model = value as Model;
  if (!model || typeof model !== 'object' || model.format !== 'vaka-intake-classifier' || model.version !== 1) {
    throw new Error('not a Vaka intake classifier model (format vaka-intake-classifier, version 1)');
  }
  if (!Array.isArray(model.outputs) || model.outputs.join() !== OUTPUTS.join()) throw new Error('model outputs do not match the risk-area taxonomy');
  if (!Array.isArray(model.bias) || model.bias.length !== OUTPUTS.length) throw new Error('model bias has the wrong length');
  for (const [name, weights] of Object.entries(model.weights ?? {})) {
    if (!Array.isArray(weights) || weights.length !== OUTPUTS.length || weights.some((w) => typeof w !== 'number')) {
      throw new Error(`model weights for "${name}" are malformed`);
    }
  }
  if (!model.documentFrequency || typeof model.documentFrequency !== 'object') throw new Error('model documentFrequency is missing');
  return model;
}
