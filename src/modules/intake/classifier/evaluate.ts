// How good the classifier is: k-fold cross-validation on the labelled set (each fold's texts are classified
// by a model trained without them), micro-F1 over risk areas, and acute recall and precision.
import { URGENCIES, type RiskArea } from '../../registry/codes.ts';
import { classifyText } from './classify.ts';
import { RISK_CODES, seededRandom, shuffle, trainModel, type LabelledText, type Model, type TrainingOptions, type Urgency } from './model.ts';

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationReport {
  texts: number;
  /** Micro-averaged over all (text, risk area) decisions. */
  riskAreas: Metrics;
  macroF1: number;
  perArea: Record<RiskArea, Metrics>;
  acute: Metrics;
  urgencyAccuracy: number;
  /** confusion[true][predicted] */
  urgencyConfusion: Record<Urgency, Record<Urgency, number>>;
  /** Acute texts classified as something else, for inspection. */
  missedAcute: string[];
}

export interface Prediction {
  riskAreas: RiskArea[];
  urgency: Urgency;
}

function metrics({ truePositives: tp, falsePositives: fp, falseNegatives: fn }: Counts): Metrics {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Score predictions against the labels (same order). */
export function scorePredictions(examples: LabelledText[], predictions: Prediction[]): EvaluationReport {
  const zero = (): Counts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });
  const perArea = Object.fromEntries(RISK_CODES.map((code) => [code, zero()])) as Record<RiskArea, Counts>;
  const acute = zero();
  const confusion = Object.fromEntries(URGENCIES.map((u) => [u, Object.fromEntries(URGENCIES.map((v) => [v, 0]))])) as Record<Urgency, Record<Urgency, number>>;
  const missedAcute: string[] = [];
  examples.forEach((example, i) => {
    const predicted = predictions[i];
    for (const code of RISK_CODES) {
      const truth = example.riskAreas.includes(code);
      const guess = predicted.riskAreas.includes(code);
      if (truth && guess) perArea[code].truePositives++;
      else if (guess) perArea[code].falsePositives++;
      else if (truth) perArea[code].falseNegatives++;
    }
    confusion[example.urgency][predicted.urgency]++;
    const truthAcute = example.urgency === 'acute';
    const guessAcute = predicted.urgency === 'acute';
    if (truthAcute && guessAcute) acute.truePositives++;
    else if (guessAcute) acute.falsePositives++;
    else if (truthAcute) {
      acute.falseNegatives++;
      missedAcute.push(example.text);
    }
  });
  const total = RISK_CODES.reduce(
    (sum, code) => ({
      truePositives: sum.truePositives + perArea[code].truePositives,
      falsePositives: sum.falsePositives + perArea[code].falsePositives,
      falseNegatives: sum.falseNegatives + perArea[code].falseNegatives,
    }),
    zero(),
  );
  const perAreaMetrics = Object.fromEntries(RISK_CODES.map((code) => [code, metrics(perArea[code])])) as Record<RiskArea, Metrics>;
  const correctUrgency = URGENCIES.reduce((sum, u) => sum + confusion[u][u], 0);
  return {
    texts: examples.length,
    riskAreas: metrics(total),
    macroF1: RISK_CODES.reduce((sum, code) => sum + perAreaMetrics[code].f1, 0) / RISK_CODES.length,
    perArea: perAreaMetrics,
    acute: metrics(acute),
    urgencyAccuracy: examples.length ? correctUrgency / examples.length : 0,
    urgencyConfusion: confusion,
    missedAcute,
  };
}

function predict(model: Model, example: LabelledText): Prediction {
  const result = classifyText(example.text, model);
  return { riskAreas: result.riskAreas.map((r) => r.code), urgency: result.urgency };
}

/** Classify the examples with one model (on its own training set this measures fit, not generalisation). */
export function evaluateModel(model: Model, examples: LabelledText[]): EvaluationReport {
  return scorePredictions(examples, examples.map((example) => predict(model, example)));
}

/** Fold number per example: shuffled with a fixed seed, stratified by urgency so every fold has acute texts. */
export function assignFolds(examples: LabelledText[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(examples.length).fill(0);
  let next = 0;
  for (const urgency of URGENCIES) {
    const indexes = shuffle(examples.map((e, i) => (e.urgency === urgency ? i : -1)).filter((i) => i >= 0), random);
    for (const i of indexes) fold[i] = next++ % folds;
  }
  return fold;
}

export interface CrossValidationOptions {
  folds?: number;
  seed?: number;
  training?: Partial<TrainingOptions>;
}

/** k-fold cross-validation: every text is classified by a model that never saw it. */
export function crossValidate(examples: LabelledText[], options: CrossValidationOptions = {}): EvaluationReport {
  const folds = options.folds ?? 5;
  const fold = assignFolds(examples, folds, options.seed ?? 7);
  const predictions: Prediction[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const model = trainModel(examples.filter((_, i) => fold[i] !== f), options.training);
    examples.forEach((example, i) => {
      if (fold[i] === f) predictions[i] = predict(model, example);
    });
  }
  return scorePredictions(examples, predictions);
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A few plain lines for test output and the README. */
export function formatReport(title: string, report: EvaluationReport): string {
  const lines = [
    `${title} (${report.texts} texts)`,
    `  risk areas: micro-F1 ${pct(report.riskAreas.f1)} (precision ${pct(report.riskAreas.precision)}, recall ${pct(report.riskAreas.recall)}), macro-F1 ${pct(report.macroF1)}`,
    `  acute: recall ${pct(report.acute.recall)} (${report.acute.truePositives}/${report.acute.truePositives + report.acute.falseNegatives}), precision ${pct(report.acute.precision)}; urgency accuracy ${pct(report.urgencyAccuracy)}`,
    `  per area F1: ${RISK_CODES.map((code) => `${code} ${pct(report.perArea[code].f1)}`).join(', ')}`,
  ];
  return lines.join('\n');
}
