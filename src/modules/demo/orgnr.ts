// Swedish organisationsnummer: 9 digits plus a Luhn check digit. The third digit is at least 2, which is
// what tells an organisation number from a personnummer.
import OrganisationsnummerModule from 'organisationsnummer';
import type { Random } from './random.ts';

// The package is CommonJS whose typings declare `export default`; at run time the default import is the class.
type OrganisationsnummerClass = typeof OrganisationsnummerModule.default;
const moduleValue = OrganisationsnummerModule as unknown as { default?: OrganisationsnummerClass };
const Organisationsnummer: OrganisationsnummerClass = moduleValue.default ?? (OrganisationsnummerModule as unknown as OrganisationsnummerClass);

/** Luhn check digit over the first nine digits (weights 2,1,2,1,… from the left). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(nineDigits: string): string {
  return nineDigits + luhnCheckDigit(nineDigits);
}

/** Validates with the `organisationsnummer` package, the same check the register uses on import. */
export function isValidOrgnr(orgnr: string): boolean {
  return Organisationsnummer.valid(orgnr);
}

/** Prefixes by legal kind: aktiebolag 556/559, ideella föreningar och stiftelser 802, handelsbolag 969. */
const PREFIXES = { company: ['556', '559'], association: ['802'], other: ['969'] } as const;

/** Hands out unique organisationsnummer for invented organisations. */
export class OrgnrFactory {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Kommuner (212000-…) and regions (232100-…) get fixed numbers from their position, same in every world. */
  publicBody(prefix: '212000' | '232100', serial: number): string {
    return this.claim(withCheckDigit(prefix + String(serial).padStart(3, '0')));
  }

  next(kind: keyof typeof PREFIXES): string {
    for (;;) {
      const nine = this.random.pick(PREFIXES[kind]) + String(this.random.int(0, 999_999)).padStart(6, '0');
      const orgnr = withCheckDigit(nine);
      if (!this.used.has(orgnr)) return this.claim(orgnr);
    }
  }

  private claim(orgnr: string): string {
    if (this.used.has(orgnr)) throw new Error(`duplicate organisationsnummer ${orgnr}`);
    if (!isValidOrgnr(orgnr)) throw new Error(`generated an invalid organisationsnummer ${orgnr}`);
    this.used.add(orgnr);
    return orgnr;
  }
}
