// Writes a world as exchange-format JSON Lines files plus truth.json. Lines are serialised one at a time with
// keys in a fixed order (absent optional fields omitted) and streamed out in large chunks.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Indicator, Inspection, Notification, Permit, Provider, Signal, Unit, World } from './world-types.ts';

// Object literals fix the key order; JSON.stringify drops undefined values.
const providerLine = (p: Provider) =>
  JSON.stringify({ id: p.id, name: p.name, orgnr: p.orgnr, kind: p.kind, parentId: p.parentId, email: p.email, phone: p.phone, peppolId: p.peppolId });

const unitLine = (u: Unit) =>
  JSON.stringify({
    id: u.id, providerId: u.providerId, name: u.name, form: u.form, kommun: u.kommun, size: u.size, opened: u.opened, closed: u.closed,
    orientation: u.orientation, homeType: u.homeType, ageMin: u.ageMin, ageMax: u.ageMax, capacity: u.capacity,
    street: u.street, postalCode: u.postalCode, city: u.city, lat: u.lat, lon: u.lon,
    phone: u.phone, email: u.email, website: u.website, operationCodes: u.operationCodes, hsaId: u.hsaId,
  });

const permitLine = (p: Permit) =>
  JSON.stringify({
    id: p.id, providerId: p.providerId, unitId: p.unitId, legalForm: p.legalForm, grantedOn: p.grantedOn,
    history: p.history.map((h) => ({ status: h.status, from: h.from, reason: h.reason })),
  });

const notificationLine = (n: Notification) =>
  JSON.stringify({ id: n.id, providerId: n.providerId, unitId: n.unitId, kind: n.kind, eventDate: n.eventDate, receivedOn: n.receivedOn, description: n.description });

const signalLine = (s: Signal) =>
  JSON.stringify({
    id: s.id, unitId: s.unitId, channel: s.channel, receivedAt: s.receivedAt, occurredAt: s.occurredAt, severity: s.severity,
    urgency: s.urgency, text: s.text, riskAreas: s.riskAreas, personnummer: s.personnummer,
  });

const indicatorLine = (i: Indicator) =>
  JSON.stringify({ unitId: i.unitId, indicator: i.indicator, period: i.period, value: i.value, denominator: i.denominator, direction: i.direction });

const inspectionLine = (i: Inspection) =>
  JSON.stringify({ id: i.id, unitId: i.unitId, date: i.date, announced: i.announced, deficiencies: i.deficiencies, outcome: i.outcome });

/** Lines batched into ~1 MB chunks: far fewer stream writes than one per line, and never one giant string. */
function* chunksOf<T>(items: readonly T[], toLine: (item: T) => string): Generator<string> {
  const chunkChars = 1 << 20;
  let lines: string[] = [];
  let length = 0;
  for (const item of items) {
    const line = toLine(item);
    lines.push(line);
    length += line.length + 1;
    if (length >= chunkChars) {
      yield lines.join('\n') + '\n';
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** Streams the lines to the file with back-pressure; rejects on any write error. */
function writeJsonLines<T>(path: string, items: readonly T[], toLine: (item: T) => string): Promise<void> {
  return pipeline(Readable.from(chunksOf(items, toLine)), createWriteStream(path, { encoding: 'utf8' }));
}

export async function writeWorld(dir: string, world: World, onProgress?: (msg: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, () => Promise<void>, number][] = [
    ['providers.jsonl', () => writeJsonLines(join(dir, 'providers.jsonl'), world.providers, providerLine), world.providers.length],
    ['units.jsonl', () => writeJsonLines(join(dir, 'units.jsonl'), world.units, unitLine), world.units.length],
    ['permits.jsonl', () => writeJsonLines(join(dir, 'permits.jsonl'), world.permits, permitLine), world.permits.length],
    ['notifications.jsonl', () => writeJsonLines(join(dir, 'notifications.jsonl'), world.notifications, notificationLine), world.notifications.length],
    ['signals.jsonl', () => writeJsonLines(join(dir, 'signals.jsonl'), world.signals, signalLine), world.signals.length],
    ['indicators.jsonl', () => writeJsonLines(join(dir, 'indicators.jsonl'), world.indicators, indicatorLine), world.indicators.length],
    ['inspections.jsonl', () => writeJsonLines(join(dir, 'inspections.jsonl'), world.inspections, inspectionLine), world.inspections.length],
  ];
  for (const [name, write, count] of files) {
    await write();
    onProgress?.(`Wrote ${count} lines to ${name}`);
  }
  const truth = {
    seed: world.truth.seed,
    until: world.truth.until,
    deteriorating: world.truth.deteriorating.map((d) => ({ unitId: d.unitId, from: d.from, kind: d.kind, description: d.description })),
  };
  await writeFile(join(dir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  onProgress?.(`Wrote truth.json (${truth.deteriorating.length} deteriorating units)`);
}
