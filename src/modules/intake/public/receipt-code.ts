import { createHash, randomBytes } from 'node:crypto';

// The receipt code an anonymous sender gets: the only key to their tip. It is shown once and never stored;
// the database keeps its SHA-256, so a leaked database does not let anyone read or answer as the sender.

/** Crockford's base32: no I, L, O or U, so the code survives being read aloud or written by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_LENGTH = 20;
/** 20 characters × 5 bits: far beyond guessing, even at millions of tries a second. */
export const RECEIPT_CODE_BITS = RECEIPT_CODE_LENGTH * 5;

/** A new code: 20 base32 characters from 100 random bits. */
export function newReceiptCode(): string {
  const bytes = randomBytes(Math.ceil(RECEIPT_CODE_BITS / 8));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < RECEIPT_CODE_LENGTH) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** "ABCD-EFGH-JKMN-PQRS-TVWX": groups of four, easier to copy. */
export function groupReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * What a person typed, as the code it must be: spaces and dashes dropped, lower case raised, and the letters
 * people confuse with digits (O, I, L) read as the digits. Undefined when it cannot be a code at all.
 */
export function normaliseReceiptCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_CODE_LENGTH) return undefined;
  for (const char of code) if (!ALPHABET.includes(char)) return undefined;
  return code;
}

/** What the database keeps: the SHA-256 of the normalised code, in hex. */
export function hashReceiptCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
