import { describe, expect, it } from 'vitest';
import {
  checkFormToken,
  isCrossSiteRequest,
  isProofOfWorkValid,
  PUBLIC_INTAKE_LIMITS,
  signFormToken,
  solveProofOfWork,
  SpentTokens,
  TokenBucket,
} from '../../src/modules/intake/public/abuse-guard.ts';
import { checkAttachment, sniffMediaType } from '../../src/modules/intake/public/attachments.ts';
import { COMPLAINT_TRIAGE_RULES, recommendComplaintHandling } from '../../src/modules/intake/public/complaint-triage.ts';
import { normalisePersonnummer } from '../../src/modules/intake/public/forms.ts';
import { groupReceiptCode, hashReceiptCode, newReceiptCode, normaliseReceiptCode, RECEIPT_CODE_BITS } from '../../src/modules/intake/public/receipt-code.ts';
import { SMALL_PDF, smallJpeg, smallPng, testPersonnummer } from './support.ts';

describe('receipt codes', () => {
  it('are 20 base32 characters from at least 100 random bits, never the same twice', () => {
    expect(RECEIPT_CODE_BITS).toBeGreaterThanOrEqual(100);
    const codes = new Set(Array.from({ length: 2000 }, () => newReceiptCode()));
    expect(codes.size).toBe(2000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    // Every character of the alphabet turns up: the bits are spread over the whole code.
    expect(new Set([...codes].join('')).size).toBe(32);
  });

  it('are read back as typed by a person: spaces, dashes, lower case, O for 0 and I or L for 1', () => {
    const code = '0123456789ABCDEFGHJK';
    expect(groupReceiptCode(code)).toBe('0123-4567-89AB-CDEF-GHJK');
    expect(normaliseReceiptCode(' o123 4567-89ab cdef ghjk ')).toBe(code);
    expect(normaliseReceiptCode('Ol23456789ABCDEFGHJK')).toBe(code);
    expect(normaliseReceiptCode('0123456789ABCDEFGHJ')).toBeUndefined();
    expect(normaliseReceiptCode('0123456789ABCDEFGHJU')).toBeUndefined();
  });

  it('are stored only as their SHA-256', () => {
    expect(hashReceiptCode('0123456789ABCDEFGHJK')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashReceiptCode('0123456789ABCDEFGHJK')).not.toContain('0123456789');
  });
});

describe('abuse protection without tracking', () => {
  const secret = 'x'.repeat(40);
  const limits = PUBLIC_INTAKE_LIMITS;

  it('accepts a form token after the minimum fill time and refuses it too soon, too late, forged or missing', () => {
    const issued = 1_800_000_000_000;
    const token = signFormToken(secret, issued);
    expect(checkFormToken(secret, token, issued + limits.minFillSeconds * 1000, limits)).toBe('ok');
    expect(checkFormToken(secret, token, issued + 500, limits)).toBe('too_fast');
    expect(checkFormToken(secret, token, issued + (limits.maxFormAgeHours + 1) * 3600_000, limits)).toBe('expired');
    expect(checkFormToken('y'.repeat(40), token, issued + 10_000, limits)).toBe('invalid');
    // Backdating the time stamp breaks the signature.
    expect(checkFormToken(secret, token.replace(String(issued), String(issued - 60_000)), issued + 10_000, limits)).toBe('invalid');
    expect(checkFormToken(secret, undefined, issued, limits)).toBe('missing');
    expect(checkFormToken(secret, 'nonsense', issued, limits)).toBe('invalid');
  });

  it('checks the proof of work against the token, and spends each token once', () => {
    const token = signFormToken(secret);
    const nonce = solveProofOfWork(token, 10);
    expect(isProofOfWorkValid(token, nonce, 10)).toBe(true);
    // Tied to its token: the answer for one form is (almost surely) not one for another.
    const others = Array.from({ length: 20 }, () => signFormToken(secret));
    expect(others.filter((other) => isProofOfWorkValid(other, nonce, 10)).length).toBeLessThan(3);
    expect(isProofOfWorkValid(token, 'abc', 1)).toBe(false);
    const spent = new SpentTokens(60_000);
    expect(spent.spend(token, 0)).toBe(true);
    expect(spent.spend(token, 1)).toBe(false);
  });

  it('forgets spent tokens when they are too old to be used, or when there are too many', () => {
    const spent = new SpentTokens(60_000, 2);
    spent.spend('a', 0);
    spent.spend('b', 1);
    spent.spend('c', 2);
    expect(['a', 'b', 'c'].map((t) => spent.isSpent(t))).toEqual([false, true, true]);
    spent.spend('d', 60_003);
    expect(['b', 'c', 'd'].map((t) => spent.isSpent(t))).toEqual([false, false, true]);
  });

  it('has one bucket for everybody that refills with time', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 1, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now += 1000;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  it('refuses forms posted from another site, by Sec-Fetch-Site or else Origin', () => {
    const own = new Set(['https://vaka.example']);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'same-origin' }, own)).toBe(false);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'cross-site', origin: 'https://vaka.example' }, own)).toBe(true);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'same-site' }, own)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'https://evil.example' }, own)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'https://vaka.example' }, own)).toBe(false);
    expect(isCrossSiteRequest({}, own)).toBe(false);
  });
});

describe('attachments are checked by content', () => {
  it('recognises JPEG, PNG and PDF by their bytes, whatever they are called', () => {
    expect(sniffMediaType(smallPng())).toBe('image/png');
    expect(sniffMediaType(smallJpeg('x'))).toBe('image/jpeg');
    expect(sniffMediaType(SMALL_PDF)).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('GIF89a......'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00 an exe'))).toBeUndefined();
  });

  it('strips Exif from JPEG and text chunks from PNG, and gives the file a neutral name', () => {
    const jpeg = checkAttachment({ clientName: 'IMG_from_Anna_Svensson.jpg', content: smallJpeg('GPS 59.3293N 18.0686E Anna Svensson') }, 0);
    expect(jpeg).toMatchObject({ fileName: 'bilaga-1.jpg', mediaType: 'image/jpeg' });
    if (typeof jpeg === 'string') throw new Error(jpeg);
    expect(jpeg.content.toString('latin1')).not.toContain('Anna');
    expect(jpeg.content.toString('latin1')).toContain('JFIF');
    expect(jpeg.content.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));

    const png = checkAttachment({ clientName: 'a.pdf', content: smallPng('Anna Svensson') }, 1);
    if (typeof png === 'string') throw new Error(png);
    expect(png).toMatchObject({ fileName: 'bilaga-2.png', mediaType: 'image/png' });
    expect(png.content.toString('latin1')).not.toContain('Anna');
    expect(png.content.equals(smallPng())).toBe(true);
  });

  it('refuses empty, unknown and broken files', () => {
    expect(checkAttachment({ clientName: 'a.png', content: Buffer.alloc(0) }, 0)).toBe('empty');
    expect(checkAttachment({ clientName: 'a.png', content: Buffer.from('just text, not an image') }, 0)).toBe('wrong_type');
    expect(checkAttachment({ clientName: 'a.png', content: smallPng().subarray(0, 40) }, 0)).toBe('broken');
    expect(checkAttachment({ clientName: 'a.pdf', content: Buffer.from('%PDF-1.7\nno end') }, 0)).toBe('broken');
    expect(checkAttachment({ clientName: 'a.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]) }, 0)).toBe('broken');
  });
});

describe('complaint triage recommends, with reasons, and never decides', () => {
  const today = '2026-11-23';

  it('recommends investigating a serious event', () => {
    const r = recommendComplaintHandling({ eventDate: '2026-06-01', harmKinds: ['permanent_injury', 'temporary'] }, today);
    expect(r).toMatchObject({ outcome: 'investigate', isDecision: false, rulesVersion: COMPLAINT_TRIAGE_RULES.version });
    expect(r.reasons.map((x) => x.rule)).toEqual(['serious_harm']);
    expect(r.reasons[0].legalBasis).toContain('(law, verify)');
    expect(r.reasons[0].text).toContain('bestående skada');
  });

  it('asks for special reasons when the event is more than two years back, serious or not', () => {
    expect(recommendComplaintHandling({ eventDate: '2024-11-22', harmKinds: ['death'] }, today)).toMatchObject({
      outcome: 'needs_special_reasons',
      reasons: [{ rule: 'old_event' }, { rule: 'serious_harm' }],
    });
    expect(recommendComplaintHandling({ eventDate: '2024-11-23', harmKinds: ['temporary'] }, today).outcome).toBe('refer_to_provider');
    expect(recommendComplaintHandling({ eventDate: '2020-01-01', harmKinds: ['none_or_unknown'] }, today).outcome).toBe('needs_special_reasons');
  });

  it('recommends referring the rest to the provider', () => {
    const r = recommendComplaintHandling({ eventDate: '2026-10-01', harmKinds: ['temporary'] }, today);
    expect(r).toMatchObject({ outcome: 'refer_to_provider', label: 'Lämna över klagomålet till vårdgivaren', reasons: [{ rule: 'not_serious' }] });
  });

  it('takes its parameters from one configuration object', () => {
    const rules = { ...COMPLAINT_TRIAGE_RULES, oldEvent: { ...COMPLAINT_TRIAGE_RULES.oldEvent, maxAgeYears: 1 } };
    expect(recommendComplaintHandling({ eventDate: '2025-06-01', harmKinds: ['temporary'] }, today, rules).outcome).toBe('needs_special_reasons');
    expect(recommendComplaintHandling({ eventDate: '2025-06-01', harmKinds: ['temporary'] }, today).outcome).toBe('refer_to_provider');
  });
});

describe('personnummer', () => {
  it('accepts the official test numbers in 12 or 10 digits and refuses wrong check digits', () => {
    expect(normalisePersonnummer(testPersonnummer(10_000))).toBe(testPersonnummer(10_000));
    expect(normalisePersonnummer('19800113-9297')).toBe('198001139297');
    expect(normalisePersonnummer('19800113-9290')).toBeUndefined();
    expect(normalisePersonnummer('hello')).toBeUndefined();
  });
});
