// A deterministic national demo world: same options, same world, byte for byte. Each stage draws from its
// own seeded stream; nothing reads the clock or Math.random.
import { buildInspections } from './build-inspections.ts';
import { buildIndicators } from './build-indicators.ts';
import { buildNotifications } from './build-notifications.ts';
import { buildPermits } from './build-permits.ts';
import { buildRegister } from './build-register.ts';
import { computeSignalRates, SignalFactory, type SignalDraft } from './build-signals.ts';
import { pickDeteriorating, toDeteriorations } from './build-truth.ts';
import { pickEnforcements } from './build-enforcement.ts';
import { SignalCalendar } from './calendar.ts';
import { dayOf, toDay } from './dates.ts';
import type { GenerateWorldOptions, World } from './world-types.ts';

export type { GenerateWorldOptions, World } from './world-types.ts';

const HISTORY_START = dayOf(2022, 1, 1);

export function generateWorld(options: GenerateWorldOptions = {}): World {
  const unitCount = options.units ?? 40_000;
  const seed = options.seed ?? 1;
  const until = options.until ?? '2026-10-31';
  if (!Number.isInteger(unitCount) || unitCount < 1) throw new Error(`units must be a positive integer, got ${unitCount}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a number, got ${seed}`);
  const untilDay = toDay(until);
  if (untilDay < HISTORY_START + 365) throw new Error(`until must be 2023-01-01 or later, got ${until}`);

  const calendar = new SignalCalendar(HISTORY_START, untilDay);
  const register = buildRegister(seed, unitCount, untilDay);
  const units = register.units;

  const annualRates = computeSignalRates(units, calendar);
  const deteriorating = pickDeteriorating(seed, units, annualRates, untilDay);
  const enforcements = pickEnforcements(seed, units, deteriorating, untilDay);

  const factory = new SignalFactory(seed, calendar);
  const drafts: SignalDraft[] = [];
  units.forEach((model, index) => {
    for (const draft of factory.generateForUnit(model, index, annualRates[index], deteriorating.get(index))) drafts.push(draft);
  });
  const { inspections, findings } = buildInspections(seed, units, calendar, drafts, deteriorating, enforcements);
  for (const finding of findings) drafts.push(finding);
  const draftsByUnit = new Map<number, SignalDraft[]>([...deteriorating.keys()].map((index) => [index, []]));
  for (const draft of drafts) draftsByUnit.get(draft.unitIndex)?.push(draft);
  for (const [index, deterioration] of deteriorating) {
    for (const draft of factory.ensureVisibleRise(units[index], index, deterioration, draftsByUnit.get(index)!)) drafts.push(draft);
  }
  // Ids in the order the inspectorate received the signals.
  drafts.sort((a, b) => a.receivedDay - b.receivedDay || a.unitIndex - b.unitIndex);
  const signals = drafts.map((draft, i) => {
    draft.signal.id = `S${String(i + 1).padStart(7, '0')}`;
    return draft.signal;
  });

  return {
    seed,
    until,
    providers: register.providers,
    units: units.map((m) => m.unit),
    permits: buildPermits(seed, units, enforcements, untilDay),
    notifications: buildNotifications(seed, units, untilDay),
    signals,
    indicators: buildIndicators(seed, units, deteriorating, untilDay),
    inspections,
    truth: { seed, until, deteriorating: toDeteriorations(units, deteriorating) },
  };
}
