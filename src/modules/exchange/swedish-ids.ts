// Swedish identity numbers, checked with the `organisationsnummer` and `personnummer` packages.
import OrganisationsnummerModule from 'organisationsnummer';
import PersonnummerModule from 'personnummer';

// Both packages are CommonJS whose typings declare `export default`; at run time the default import is the
// class itself. Accept either shape.
type OrganisationsnummerClass = typeof OrganisationsnummerModule.default;
type PersonnummerClass = typeof PersonnummerModule.default;
const Organisationsnummer: OrganisationsnummerClass =
  (OrganisationsnummerModule as unknown as { default?: OrganisationsnummerClass }).default ?? (OrganisationsnummerModule as unknown as OrganisationsnummerClass);
const Personnummer: PersonnummerClass =
  (PersonnummerModule as unknown as { default?: PersonnummerClass }).default ?? (PersonnummerModule as unknown as PersonnummerClass);

/** The organisationsnummer as 10 plain digits (`NNNNNN-NNNN`, 10 or 12 digits accepted), or undefined if invalid. */
export function normaliseOrgnr(text: string): string | undefined {
  try {
    return Organisationsnummer.parse(text.trim()).format(false);
  } catch {
    return undefined;
  }
}

/** The personnummer as 12 plain digits (YYYYMMDDNNNN), or undefined if invalid. */
export function normalisePersonnummer(text: string): string | undefined {
  try {
    return Personnummer.parse(text.trim()).format(true);
  } catch {
    return undefined;
  }
}
