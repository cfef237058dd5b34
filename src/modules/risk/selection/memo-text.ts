// The fixed text of a selection project's memo, shared by the HTML and the PDF so both say the same.
import { decimal } from '../explain.ts';
import { WEIGHTS } from '../method.ts';
import { formatCount, type FollowUpGroup } from './project-overview.ts';
import type { ProjectRow } from './repository.ts';

/** A group's follow-up: how many were inspected and how many of those had findings. */
export function followUpGroupText(g: FollowUpGroup): string {
  return `${formatCount(g.inspected)} av ${formatCount(g.units)} inspekterade, ${formatCount(g.withFindings)} med brister eller beslut utöver ”inga anmärkningar”`;
}

/** The chosen units' hit rate against the control sample's, or when it can be computed. */
export function liftText(lift: number | null): string {
  return lift === null
    ? 'Kan räknas ut när både valda verksamheter och kontrollurvalet har inspekterats och kontrollurvalet har någon inspektion med brister.'
    : `${decimal(lift)} gånger så stor andel med brister bland de valda som i kontrollurvalet.`;
}

/** Where staff read the risk method the figures come from. */
export const METHOD_URL = '/staff/urval/metod';

export function methodParagraphs(project: Pick<ProjectRow, 'as_of' | 'run_id'>): string[] {
  return [
    `Siffrorna kommer från Vakas nationella riskberäkning per ${project.as_of} (körning ${project.run_id}). De sparades när projektet skapades, så senare beräkningar ändrar inte vad stegen beslutades på.`,
    `Riskpoängen är en summa av bidrag, vart och ett en vikt gånger ett värde på en evidensskala, omräknad till en poäng mellan 0 och 1 (samma som på riskkortet). Steg 1 använder bidragen från externa indikatorer: försämring mot verksamhetens egen tidigare nivå (vikt ${decimal(WEIGHTS.indicator_trend)}) och senaste värdet mot rikets nivå (vikt ${decimal(WEIGHTS.indicator_level)}), eller en vald indikators avstånd till riket i procentenheter.`,
    `Steg 2 använder bidragen från IVO:s egna signaler: ökning mot verksamhetens egen historik (vikt ${decimal(WEIGHTS.change)}), externa signaler jämfört med liknande verksamheter av samma storlek (vikt ${decimal(WEIGHTS.signals_vs_peers)}), allvarliga signaler viktade efter ålder (vikt ${decimal(WEIGHTS.serious_vs_peers)}) och akuta signaler de senaste 90 dagarna (vikt ${decimal(WEIGHTS.acute_signals)}). Hårda larm – en akut signal de senaste 14 dagarna, eller förbud eller återkallelse – ställer verksamheten först. Verksamheters egna lex Maria- och lex Sarah-anmälningar räknas inte emot dem.`,
    'Steg 3 är en bedömning av varje verksamhet som gick vidare, med ett skäl för var och en. Kontrollurvalet dras slumpmässigt bland övriga verksamheter i populationen, så att det som inspektionerna hittar hos de valda senare kan jämföras med slumpen.',
  ];
}
