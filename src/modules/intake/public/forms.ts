import PersonnummerModule from 'personnummer';
import type { FieldError } from '../../../platform/errors.ts';
import type { UnitHint } from '../match-unit.ts';
import { checkFormToken, isProofOfWorkValid, type PublicIntakeLimits } from './abuse-guard.ts';
import { checkAttachment, type CheckedAttachment, type UploadedFile } from './attachments.ts';
import { FEEDBACK_COMMENT_MAX } from './service-feedback.ts';
import { FEEDBACK_SERVICES, type AnonymousChannel, type ErrorWords, type FeedbackService } from './channels.ts';
import { HARM_KINDS, type HarmKind } from './complaint-triage.ts';
import { FormReader, readDate, type DateParts, type RawForm } from './form-reader.ts';
import { normaliseReceiptCode } from './receipt-code.ts';
import { RELATIONS, type ComplaintSubmission, type Relation } from './submit-complaint.ts';
import type { TipSubmission } from './submit-tip.ts';

// The public forms, parsed and checked: what the person typed (to show again), the errors (each naming its
// field, in plain Swedish), and — only when there are none — what to store.

export const TEXT_MAX = 10_000;
export const HARM_MAX = 5_000;
export const ANSWER_MAX = 5_000;
export const SHORT_MAX = 200;
export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

type PersonnummerClass = typeof PersonnummerModule.default;
// A CommonJS package whose typings declare `export default`: at run time the default import is the class.
const Personnummer: PersonnummerClass =
  (PersonnummerModule as unknown as { default?: PersonnummerClass }).default ?? (PersonnummerModule as unknown as PersonnummerClass);

/** The personnummer as 12 digits (YYYYMMDDNNNN), or undefined when it is not a valid one. */
export function normalisePersonnummer(text: string): string | undefined {
  if (!/^[0-9+\s-]{10,15}$/.test(text)) return undefined;
  try {
    return Personnummer.parse(text.replace(/\s/g, '')).format(true);
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,22}$/;

export interface ParseContext {
  kommunCodes: ReadonlySet<string>;
  /** 'YYYY-MM-DD' in Sweden. */
  today: string;
  now: number;
  secret: string;
  limits: PublicIntakeLimits;
}

export interface GuardResult {
  token: string;
  /** The page's script solved the puzzle for this form token. */
  hasProofOfWork: boolean;
}

/** The adult channel's words in error messages; a channel may say them in its own (channels.ts). */
const ADULT_ERROR_WORDS: ErrorWords = {
  whatName: 'Texten om vad som har hänt',
  unitName: 'Namnet på verksamheten',
  contactMissing: 'Skriv en e-postadress eller ett telefonnummer, eller välj att inte lämna kontaktuppgifter',
  tooFast: 'Formuläret skickades för snabbt. Kontrollera uppgifterna och skicka igen.',
  expired: 'Formuläret har varit öppet för länge. Kontrollera uppgifterna och skicka igen.',
  unreadable: 'Formuläret kunde inte läsas. Skicka det igen från den här sidan.',
};

/** The honeypot, the form token and the proof of work; errors name 'website' or 'formToken'. */
function readGuards(reader: FormReader, context: ParseContext, words: ErrorWords = ADULT_ERROR_WORDS): GuardResult {
  if (reader.form.unreadable) reader.error('formToken', words.unreadable);
  if (reader.raw('website', 'Webbplats') !== '') reader.error('website', 'Formuläret kunde inte skickas. Kontrollera uppgifterna och skicka igen.');
  const token = reader.raw('formToken', 'Formulärets kontrollkod');
  const check = checkFormToken(context.secret, token, context.now, context.limits);
  if (check === 'too_fast') reader.error('formToken', words.tooFast);
  else if (check === 'expired') reader.error('formToken', words.expired);
  else if (check !== 'ok') reader.error('formToken', 'Formuläret kunde inte kontrolleras. Skicka det igen från den här sidan.');
  const nonce = reader.raw('pow', 'Kontrollsvar');
  return { token, hasProofOfWork: check === 'ok' && isProofOfWorkValid(token, nonce, context.limits.powBits) };
}

export interface UnitFieldValues {
  unitId: string;
  unitName: string;
  unitKommun: string;
  unitAddress: string;
}

/** The unit picked (its id) or described (name, kommun, address). */
function readUnit(reader: FormReader, context: ParseContext, options: { required: boolean; name?: string }): { values: UnitFieldValues; hint?: UnitHint } {
  const unitId = reader.text('unitId', { label: 'Verksamheten', max: 64 });
  const values = { unitId, unitName: '', unitKommun: '', unitAddress: '' };
  if (unitId) return { values };
  values.unitName = reader.text('unitName', { label: options.name ?? ADULT_ERROR_WORDS.unitName, max: SHORT_MAX, required: options.required ? 'Skriv namnet på verksamheten' : undefined });
  values.unitKommun = reader.text('unitKommun', { label: 'Kommun', max: 4 });
  if (values.unitKommun && !context.kommunCodes.has(values.unitKommun)) reader.error('unitKommun', 'Välj en kommun i listan');
  else if (!values.unitKommun && options.required && !reader.hasError('unitKommun')) reader.error('unitKommun', 'Välj vilken kommun verksamheten finns i');
  values.unitAddress = reader.text('unitAddress', { label: 'Adressen', max: SHORT_MAX });
  const hint: UnitHint = {
    ...(values.unitName ? { name: values.unitName } : {}),
    ...(values.unitKommun && context.kommunCodes.has(values.unitKommun) ? { kommun: values.unitKommun } : {}),
    ...(values.unitAddress ? { address: values.unitAddress } : {}),
  };
  return { values, hint: Object.keys(hint).length > 0 ? hint : undefined };
}

const clientFileName = (name: string) => (name.length > 60 ? `${name.slice(0, 57)}…` : name) || 'utan namn';

/** Files as they came: the count and size limits, then each one checked by its content. */
function readAttachments(reader: FormReader, form: RawForm): CheckedAttachment[] {
  if (form.badFields.has('attachments') || form.fields.has('attachments')) reader.error('attachments', 'Bilagorna har fel format. Välj filerna igen.');
  if (form.tooManyFiles) reader.error('attachments', `Du kan skicka högst ${MAX_FILES} filer.`);
  for (const name of form.tooLargeFiles) reader.error('attachments', `Filen ”${clientFileName(name)}” är större än ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  const checked: CheckedAttachment[] = [];
  form.files.forEach((file: UploadedFile, index) => {
    const result = checkAttachment(file, index);
    if (result === 'empty') reader.error('attachments', `Filen ”${clientFileName(file.clientName)}” är tom.`);
    else if (result === 'wrong_type') reader.error('attachments', `Filen ”${clientFileName(file.clientName)}” är inte en bild (JPEG eller PNG) eller en PDF.`);
    else if (result === 'broken') reader.error('attachments', `Filen ”${clientFileName(file.clientName)}” verkar vara trasig. Välj en annan fil.`);
    else checked.push(result);
  });
  return checked;
}

export interface TipFormValues extends UnitFieldValues {
  what: string;
  when: DateParts;
  contact: 'yes' | 'no';
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export const EMPTY_TIP_VALUES: TipFormValues = {
  unitId: '',
  unitName: '',
  unitKommun: '',
  unitAddress: '',
  what: '',
  when: { day: '', month: '', year: '' },
  contact: 'no',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

export interface ParsedForm<V, S> {
  values: V;
  errors: FieldError[];
  guard: GuardResult;
  /** Set only when there are no errors. */
  submission?: S;
}

export function parseTipForm(form: RawForm, channel: AnonymousChannel, context: ParseContext): ParsedForm<TipFormValues, TipSubmission> & { filesSent: number } {
  const reader = new FormReader(form);
  const words = channel.texts.errors ?? ADULT_ERROR_WORDS;
  const unit = readUnit(reader, context, { required: channel.unitRequired, name: words.unitName });
  const what = reader.text('what', { label: words.whatName, max: TEXT_MAX, required: channel.texts.whatRequired, multiline: true });
  const when = readDate(reader, 'when', { label: 'Datumet', today: context.today, wrong: words.badDate });
  const contact = reader.choice('contact', ['yes', 'no'] as const, { label: 'Kontaktuppgifter' }) || 'no';
  const values: TipFormValues = { ...unit.values, what, when: when.parts, contact, contactName: '', contactEmail: '', contactPhone: '' };
  if (contact === 'yes') {
    // Contact details are read only when the sender chose to give them; otherwise they are not even looked at.
    values.contactName = reader.text('contactName', { label: 'Namnet', max: SHORT_MAX });
    values.contactEmail = reader.text('contactEmail', { label: 'E-postadressen', max: 254 });
    values.contactPhone = reader.text('contactPhone', { label: 'Telefonnumret', max: 30 });
    if (values.contactEmail && !EMAIL.test(values.contactEmail)) reader.error('contactEmail', 'Skriv e-postadressen som namn@exempel.se');
    if (values.contactPhone && (!PHONE.test(values.contactPhone) || values.contactPhone.replace(/\D/g, '').length < 6)) {
      reader.error('contactPhone', 'Skriv telefonnumret med siffror, till exempel 070-123 45 67');
    }
    if (!values.contactEmail && !values.contactPhone && !reader.hasError('contactEmail') && !reader.hasError('contactPhone')) {
      reader.error('contactEmail', words.contactMissing);
    }
  }
  const attachments = readAttachments(reader, form);
  const guard = readGuards(reader, context, words);
  const parsed = { values, errors: reader.errors, guard, filesSent: form.files.length + form.tooLargeFiles.length };
  if (reader.errors.length > 0) return parsed;
  return {
    ...parsed,
    submission: {
      channel: channel.channel,
      text: what,
      unitId: unit.values.unitId || undefined,
      unitHint: unit.hint,
      occurredOn: when.iso || undefined,
      contact:
        contact === 'yes'
          ? { ...(values.contactName ? { name: values.contactName } : {}), ...(values.contactEmail ? { email: values.contactEmail } : {}), ...(values.contactPhone ? { phone: values.contactPhone } : {}) }
          : undefined,
      attachments,
    },
  };
}

export interface ComplaintFormValues extends UnitFieldValues {
  complainantName: string;
  complainantPersonnummer: string;
  complainantEmail: string;
  complainantPhone: string;
  relation: Relation | '';
  patientName: string;
  patientPersonnummer: string;
  providerName: string;
  eventDate: DateParts;
  what: string;
  harmKinds: HarmKind[];
  harm: string;
}

export const EMPTY_COMPLAINT_VALUES: ComplaintFormValues = {
  complainantName: '',
  complainantPersonnummer: '',
  complainantEmail: '',
  complainantPhone: '',
  relation: '',
  patientName: '',
  patientPersonnummer: '',
  unitId: '',
  unitName: '',
  unitKommun: '',
  unitAddress: '',
  providerName: '',
  eventDate: { day: '', month: '', year: '' },
  what: '',
  harmKinds: [],
  harm: '',
};

/** A person alive today was born at most this many years ago. */
const MAX_AGE_YEARS = 125;

function readPersonnummer(reader: FormReader, field: string, options: { label: string; required: string; today: string }): { typed: string; normalised?: string } {
  const typed = reader.text(field, { label: options.label, max: 20, required: options.required });
  if (!typed || reader.hasError(field)) return { typed };
  const normalised = normalisePersonnummer(typed);
  if (!normalised) {
    reader.error(field, `${options.label} stämmer inte. Skriv 12 siffror: år, månad, dag och de fyra sista siffrorna, till exempel 19800113-9297.`);
    return { typed };
  }
  // The check digit says nothing about the date: a birth date to come, or too long ago, is a typing error.
  const day = Number(normalised.slice(6, 8));
  const born = `${normalised.slice(0, 4)}-${normalised.slice(4, 6)}-${String(day > 60 ? day - 60 : day).padStart(2, '0')}`;
  if (born > options.today) reader.error(field, `${options.label} har ett födelsedatum som inte har varit än. Kontrollera årtalet.`);
  else if (Number(options.today.slice(0, 4)) - Number(born.slice(0, 4)) > MAX_AGE_YEARS) reader.error(field, `${options.label} har ett födelsedatum för mer än ${MAX_AGE_YEARS} år sedan. Kontrollera årtalet.`);
  return { typed, normalised };
}

export function parseComplaintForm(form: RawForm, context: ParseContext): ParsedForm<ComplaintFormValues, ComplaintSubmission> {
  const reader = new FormReader(form);
  const complainantName = reader.text('complainantName', { label: 'Ditt namn', max: SHORT_MAX, required: 'Skriv ditt namn' });
  const complainantPnr = readPersonnummer(reader, 'complainantPersonnummer', { label: 'Ditt personnummer', required: 'Skriv ditt personnummer', today: context.today });
  const complainantEmail = reader.text('complainantEmail', { label: 'E-postadressen', max: 254 });
  const complainantPhone = reader.text('complainantPhone', { label: 'Telefonnumret', max: 30 });
  if (complainantEmail && !EMAIL.test(complainantEmail)) reader.error('complainantEmail', 'Skriv e-postadressen som namn@exempel.se');
  if (complainantPhone && (!PHONE.test(complainantPhone) || complainantPhone.replace(/\D/g, '').length < 6)) {
    reader.error('complainantPhone', 'Skriv telefonnumret med siffror, till exempel 070-123 45 67');
  }
  if (!complainantEmail && !complainantPhone && !reader.hasError('complainantEmail') && !reader.hasError('complainantPhone')) {
    reader.error('complainantEmail', 'Skriv din e-postadress eller ditt telefonnummer, så att vi kan nå dig');
  }
  const relation = reader.choice('relation', Object.keys(RELATIONS) as Relation[], { label: 'Vem du är för patienten', required: 'Välj vem du är för patienten' });
  const patientRequired = relation !== '' && relation !== 'self';
  const patientName = reader.text('patientName', { label: 'Patientens namn', max: SHORT_MAX, required: patientRequired ? 'Skriv patientens namn' : undefined });
  const patientPnr = patientRequired
    ? readPersonnummer(reader, 'patientPersonnummer', { label: 'Patientens personnummer', required: 'Skriv patientens personnummer', today: context.today })
    : { typed: reader.text('patientPersonnummer', { label: 'Patientens personnummer', max: 20 }) };
  const unit = readUnit(reader, context, { required: true });
  const providerName = unit.values.unitId ? '' : reader.text('providerName', { label: 'Vårdgivarens namn', max: SHORT_MAX });
  const eventDate = readDate(reader, 'eventDate', { label: 'Datumet för händelsen', required: 'Skriv när händelsen inträffade', today: context.today });
  const what = reader.text('what', { label: 'Texten om vad som hände', max: TEXT_MAX, required: 'Skriv vad som hände', multiline: true });
  const harmKinds = reader.choices('harmKinds', Object.keys(HARM_KINDS) as HarmKind[], { label: 'Följderna', required: 'Välj vad händelsen ledde till' });
  // "No harm, or I don't know" excludes every harm (the recommendation would otherwise rest on a contradiction).
  if (harmKinds.includes('none_or_unknown') && harmKinds.length > 1 && !reader.hasError('harmKinds')) {
    reader.error('harmKinds', 'Välj antingen vad händelsen ledde till, eller ”Ingen skada, eller jag vet inte”, inte båda');
  }
  const harm = reader.text('harm', { label: 'Texten om följderna', max: HARM_MAX, required: 'Beskriv vad händelsen ledde till för patienten', multiline: true });
  const guard = readGuards(reader, context);

  const values: ComplaintFormValues = {
    complainantName,
    complainantPersonnummer: complainantPnr.typed,
    complainantEmail,
    complainantPhone,
    relation,
    patientName,
    patientPersonnummer: patientPnr.typed,
    ...unit.values,
    providerName,
    eventDate: eventDate.parts,
    what,
    harmKinds,
    harm,
  };
  const parsed = { values, errors: reader.errors, guard };
  if (reader.errors.length > 0 || !complainantPnr.normalised || relation === '') return parsed;
  return {
    ...parsed,
    submission: {
      complainant: {
        name: complainantName,
        personnummer: complainantPnr.normalised,
        ...(complainantEmail ? { email: complainantEmail } : {}),
        ...(complainantPhone ? { phone: complainantPhone } : {}),
        relation,
      },
      patient: patientRequired && 'normalised' in patientPnr && patientPnr.normalised ? { name: patientName, personnummer: patientPnr.normalised } : undefined,
      unitId: unit.values.unitId || undefined,
      unitHint: unit.hint,
      providerName: providerName || undefined,
      eventDate: eventDate.iso,
      whatHappened: what,
      harmKinds,
      harm,
    },
  };
}

export interface FeedbackValues {
  service: FeedbackService | '';
  rating: string;
  comment: string;
}

export function parseFeedbackForm(form: RawForm, context: ParseContext): ParsedForm<FeedbackValues, { service: FeedbackService; rating: number; comment?: string }> {
  const reader = new FormReader(form);
  const service = reader.choice('service', FEEDBACK_SERVICES, { label: 'Tjänsten', required: 'Det framgår inte vilken tjänst synpunkterna gäller. Gå tillbaka och försök igen.' });
  const rating = reader.choice('rating', ['1', '2', '3', '4', '5'] as const, { label: 'Betyget', required: 'Välj hur nöjd du är med tjänsten' });
  const comment = reader.text('comment', { label: 'Kommentaren', max: FEEDBACK_COMMENT_MAX, multiline: true });
  const guard = readGuards(reader, context);
  const values = { service, rating, comment };
  if (reader.errors.length > 0 || service === '' || rating === '') return { values, errors: reader.errors, guard };
  return { values, errors: [], guard, submission: { service, rating: Number(rating), comment: comment || undefined } };
}

/** The receipt code as typed; `code` is set when it has the form of a code. */
export function parseReceiptCode(form: RawForm): { typed: string; code?: string; errors: FieldError[] } {
  const reader = new FormReader(form);
  const typed = reader.text('code', { label: 'Koden', max: 64, required: 'Skriv din kod' });
  if (reader.errors.length > 0) return { typed, errors: reader.errors };
  const code = normaliseReceiptCode(typed);
  if (!code) return { typed, errors: [{ field: 'code', message: 'Koden stämmer inte. Den har 20 tecken, siffror och bokstäver, till exempel ABCD-EFGH-JKMN-PQRS-TV12.' }] };
  return { typed, code, errors: [] };
}

export function parseAnswerForm(form: RawForm, context: ParseContext, channel?: AnonymousChannel): ParsedForm<{ code: string; message: string }, { code: string; message: string }> {
  const codeResult = parseReceiptCode(form);
  const reader = new FormReader(form);
  for (const error of codeResult.errors) reader.error(error.field, error.message);
  const message = reader.text('message', { label: 'Meddelandet', max: ANSWER_MAX, required: 'Skriv ett meddelande', multiline: true });
  const guard = readGuards(reader, context, channel?.texts.errors);
  const values = { code: codeResult.typed, message };
  if (reader.errors.length > 0 || !codeResult.code) return { values, errors: reader.errors, guard };
  return { values, errors: [], guard, submission: { code: codeResult.code, message } };
}
