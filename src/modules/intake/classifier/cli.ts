// `vaka classify [--json]`: read one Swedish text on standard input, print its risk areas, urgency and the
// words that drove the answer.
import type { Command } from 'commander';
import { RISK_AREAS } from '../../registry/codes.ts';
import { UsageError } from '../../../platform/cli-errors.ts';
import { classifyText, ClassifierInputError, URGENCY_LABELS, type Classification } from './classify.ts';
import type { Model } from './model.ts';

export interface ClassifyOptions {
  json?: boolean;
  /** Defaults to the model trained on the labelled set. */
  model?: Model;
}

const decimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The contract's JSON: exactly riskAreas, urgency and explanation. */
export function classificationJson(result: Classification): string {
  return JSON.stringify({ riskAreas: result.riskAreas, urgency: result.urgency, explanation: result.explanation });
}

export function classificationSummary(result: Classification): string {
  return [
    `Riskområden: ${result.riskAreas.map((r) => `${RISK_AREAS[r.code]} (${decimal.format(r.score)})`).join(', ')}`,
    `Brådska: ${URGENCY_LABELS[result.urgency]}`,
    `Förklaring: ${result.explanation}`,
  ].join('\n');
}

/** Decode and classify standard input; bad input becomes a UsageError (exit status 2, one line). */
export function runClassify(input: Uint8Array | string, options: ClassifyOptions = {}): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new UsageError('classify: standard input is not valid UTF-8 text');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError('classify: standard input is empty; give one Swedish text, e.g. echo "..." | vaka classify --json');
  try {
    const result = classifyText(text, options.model);
    return `${options.json ? classificationJson(result) : classificationSummary(result)}\n`;
  } catch (error) {
    if (error instanceof ClassifierInputError) throw new UsageError(`classify: ${error.message}`);
    throw error;
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function registerClassifyCommand(program: Command): Command {
  return program
    .command('classify')
    .description('classify one Swedish text read from standard input: risk areas, urgency and the words behind them')
    .option('--json', 'print {"riskAreas": [...], "urgency": "...", "explanation": "..."}')
    .action(async (options: { json?: boolean }) => {
      const input = await readStream(process.stdin);
      process.stdout.write(runClassify(input, { json: options.json === true }));
    });
}
