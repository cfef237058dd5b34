import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { SignalChannel } from '../../registry/index.ts';
import { receiveSignal, type IncomingSignal, type ReceivedSignal, type SignalClassifier, type Urgency } from '../receive-signal.ts';
import { actorOf, type Triager } from './access.ts';
import { municipalityExists } from './repository.ts';

/** Where information logged by staff comes from: the information service, or another authority. */
export const STAFF_SOURCES = {
  inquiry: { label: 'Upplysningstjänsten', hint: 'Ett samtal, e-brev eller brev från allmänheten eller en yrkesverksam', submitter: 'staff' },
  work_environment: { label: 'Arbetsmiljöverket', hint: 'En arbetsmiljösignal från Arbetsmiljöverket', submitter: 'authority' },
  police: { label: 'Polisen', hint: 'En polisanmälan eller underrättelse från polisen', submitter: 'authority' },
  media: { label: 'Media', hint: 'En uppgift i en tidning, i radio, tv eller på nätet', submitter: 'staff' },
} as const satisfies Record<string, { label: string; hint: string; submitter: IncomingSignal['submitterKind'] }>;
export type StaffSource = keyof typeof STAFF_SOURCES & SignalChannel;

export const CONTACT_KINDS = ['phone', 'email', 'letter'] as const;
export const CALLERS = ['private', 'professional'] as const;
const URGENCIES: readonly string[] = ['acute', 'high', 'normal'];

export const STAFF_SIGNAL_FIELDS = ['source', 'contactKind', 'caller', 'topic', 'text', 'unitId', 'unitQuery', 'kommun', 'urgency'] as const;
export type StaffSignalForm = Record<(typeof STAFF_SIGNAL_FIELDS)[number], string>;

export const MAX_TOPIC_LENGTH = 200;
export const MAX_TEXT_LENGTH = 20_000;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Checks the form and turns it into the signal to receive; every problem names its field. */
export async function parseStaffSignalForm(db: Db, form: StaffSignalForm, staff: Triager): Promise<IncomingSignal> {
  const errors: FieldError[] = [];
  const source = form.source;
  if (!Object.hasOwn(STAFF_SOURCES, source)) errors.push({ field: 'source', message: 'Välj var uppgiften kommer ifrån' });
  if (!isOneOf(CONTACT_KINDS, form.contactKind)) errors.push({ field: 'contactKind', message: 'Välj hur uppgiften kom in: telefon, e-post eller brev' });
  if (source === 'inquiry' && !isOneOf(CALLERS, form.caller)) errors.push({ field: 'caller', message: 'Välj om det var en privatperson eller en yrkesverksam' });
  if (form.caller && !isOneOf(CALLERS, form.caller)) errors.push({ field: 'caller', message: 'Välj privatperson eller yrkesverksam' });
  const topic = form.topic.trim().replace(/\s+/g, ' ');
  if (topic.length > MAX_TOPIC_LENGTH) errors.push({ field: 'topic', message: `Ämnet får vara högst ${MAX_TOPIC_LENGTH} tecken` });
  const text = form.text.replace(/\r\n/g, '\n').trim();
  if (!text) errors.push({ field: 'text', message: 'Skriv vad uppgiften handlar om' });
  else if (text.length > MAX_TEXT_LENGTH) errors.push({ field: 'text', message: `Texten får vara högst ${MAX_TEXT_LENGTH.toLocaleString('sv-SE')} tecken` });
  if (form.urgency && !URGENCIES.includes(form.urgency)) errors.push({ field: 'urgency', message: 'Välj hur brådskande uppgiften är' });
  const kommun = form.kommun.trim();
  if (kommun && !(/^\d{4}$/.test(kommun) && (await municipalityExists(db, kommun)))) errors.push({ field: 'kommun', message: 'Välj en kommun ur listan' });
  const unitQuery = form.unitQuery.trim().replace(/\s+/g, ' ');
  if (unitQuery.length > MAX_TOPIC_LENGTH) errors.push({ field: 'unitQuery', message: `Verksamhetens namn får vara högst ${MAX_TOPIC_LENGTH} tecken` });
  if (errors.length > 0) throw AppError.validation(errors, 'staff signal form');

  const channel = source as StaffSource;
  const unitId = form.unitId.trim();
  return {
    channel,
    text,
    ...(unitId ? { unitId } : unitQuery || kommun ? { unitHint: { ...(unitQuery ? { name: unitQuery } : {}), ...(kommun ? { kommun } : {}) } } : {}),
    ...(form.urgency ? { urgency: form.urgency as Urgency } : {}),
    submitterKind: STAFF_SOURCES[channel].submitter,
    extra: { contactKind: form.contactKind, ...(form.caller ? { caller: form.caller } : {}), ...(topic ? { topic } : {}), loggedBy: staff.subject },
  };
}

/**
 * Logs a contact with the information service, or a signal from another authority, as a signal: routed,
 * matched and classified like every other channel, in one transaction with its audit row.
 */
export async function logStaffSignal(
  db: Db,
  { staff, form, classifier, publicUrl }: { staff: Triager; form: StaffSignalForm; classifier: SignalClassifier; publicUrl: string },
): Promise<ReceivedSignal> {
  const incoming = await parseStaffSignalForm(db, form, staff);
  return db.transaction().execute((trx) => receiveSignal(trx, incoming, { classifier, actor: actorOf(staff), publicUrl }));
}
