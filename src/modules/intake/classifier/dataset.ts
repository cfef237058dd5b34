// The labelled set: realistic Swedish texts with the risk areas and urgency staff would give them. It trains
// the default model and measures it (see evaluate.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RISK_AREAS, URGENCIES, type RiskArea } from '../../registry/codes.ts';
import type { LabelledText } from './model.ts';

export const LABELLED_SET_PATH = fileURLToPath(new URL('./labelled-texts.jsonl', import.meta.url));

/** Parse JSON lines of `{ text, riskAreas, urgency }`; throws naming the line of the first bad one. */
export function parseLabelledTexts(content: string, source = 'labelled set'): LabelledText[] {
  const out: LabelledText[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    const { text, riskAreas, urgency } = (value ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '') throw new Error(`${where}: text must be a non-empty string`);
    if (!Array.isArray(riskAreas) || riskAreas.length === 0 || riskAreas.some((code) => typeof code !== 'string' || !(code in RISK_AREAS))) {
      throw new Error(`${where}: riskAreas must be a non-empty list of risk-area codes`);
    }
    if (typeof urgency !== 'string' || !(URGENCIES as readonly string[]).includes(urgency)) throw new Error(`${where}: urgency must be acute, high or normal`);
    out.push({ text, riskAreas: [...new Set(riskAreas as RiskArea[])], urgency: urgency as LabelledText['urgency'] });
  });
  return out;
}

let cached: LabelledText[] | undefined;

export function loadLabelledTexts(): LabelledText[] {
  cached ??= parseLabelledTexts(readFileSync(LABELLED_SET_PATH, 'utf8'), 'labelled-texts.jsonl');
  return cached.map((example) => ({ ...example, riskAreas: [...example.riskAreas] }));
}
