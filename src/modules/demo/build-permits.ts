// Permits: every SoL/LSS unit run by a private operator holds one (legal form from the unit's form), plus the
// few healthcare permits (blood, abortion, tissue, syringe exchange, circumcision). Status history follows
// what happened to the unit: closures, dormancy, bans, revocations, appeals and court stays.
import type { LegalForm } from '../registry/codes.ts';
import { formatDay } from './dates.ts';
import type { UnitModel } from './build-register.ts';
import type { Enforcement } from './build-enforcement.ts';
import { Random } from './random.ts';
import type { Permit, PermitStatusChange } from './world-types.ts';

export function buildPermits(seed: number, units: UnitModel[], enforcements: Map<number, Enforcement>, untilDay: number): Permit[] {
  const random = new Random(seed, 'permits');
  const permits: Permit[] = [];
  units.forEach((model, index) => {
    const legalForms: LegalForm[] = [...(model.privatePermit ? [model.privatePermit] : []), ...model.healthPermits];
    legalForms.forEach((legalForm, k) => {
      // Only the SoL/LSS permit (the first) follows enforcement; healthcare permits live their own life.
      const enforcement = k === 0 && model.privatePermit ? enforcements.get(index) : undefined;
      const grantedDay = Math.min(model.openedDay - random.int(14, 150), untilDay);
      permits.push({
        id: '',
        providerId: model.provider.id,
        unitId: model.unit.id,
        legalForm,
        grantedOn: formatDay(grantedDay),
        history: buildHistory(random, model, grantedDay, enforcement, untilDay),
      });
    });
  });
  permits.forEach((permit, i) => { permit.id = `T${String(i + 1).padStart(6, '0')}`; });
  return permits;
}

function buildHistory(random: Random, model: UnitModel, grantedDay: number, enforcement: Enforcement | undefined, untilDay: number): PermitStatusChange[] {
  const history: PermitStatusChange[] = [{ status: 'active', from: formatDay(grantedDay) }];
  const add = (status: PermitStatusChange['status'], day: number, reason: string) => {
    if (day <= untilDay) history.push({ status, from: formatDay(Math.max(day, grantedDay + 1)), reason });
  };
  if (enforcement) {
    const { outcome, decisionDay } = enforcement;
    if (outcome === 'banned') add('banned', decisionDay, 'IVO har förbjudit verksamheten efter inspektion som visade allvarliga brister.');
    else if (outcome === 'revoked') add('revoked', decisionDay, 'IVO har återkallat tillståndet på grund av allvarliga brister.');
    else {
      const appealDay = decisionDay + random.int(7, 21);
      add('appeal_pending', appealDay, 'Beslutet om återkallelse har överklagats till förvaltningsrätten.');
      if (outcome === 'inhibition') add('inhibition', appealDay + random.int(10, 40), 'Förvaltningsrätten har beslutat om inhibition i avvaktan på dom.');
    }
    return history;
  }
  if (model.closedDay !== null) {
    add('revoked', model.closedDay, 'Återkallat på tillståndshavarens begäran när verksamheten upphörde.');
    return history;
  }
  const earliestDormant = Math.max(grantedDay + 180, untilDay - 4 * 365);
  if (random.chance(0.04) && earliestDormant < untilDay) {
    const dormantDay = random.int(earliestDormant, untilDay);
    add('dormant', dormantDay, 'Verksamheten har tillfälligt upphört.');
    if (random.chance(0.4)) add('active', dormantDay + random.int(90, 400), 'Verksamheten har återupptagits.');
  }
  return history;
}
