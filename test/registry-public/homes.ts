import type { Db } from '../../src/platform/db/database.ts';
import { buildPermit, buildProvider, buildUnit } from '../support/factories.ts';

/**
 * A hand-made HVB list: five homes that differ in every searchable way, and one unit that is not a home.
 * In Swedish order: Björkens stödboende, Zeta akuthem, Åsens HVB, Ängsgården, Öbacken.
 */
export async function buildHvbHomes(db: Db) {
  const northCare = await buildProvider(db, { name: 'Norrsken Omsorg AB' });
  const eastCare = await buildProvider(db, { name: 'Östra Omsorg AB' });

  const asen = await buildUnit(db, {
    provider_id: northCare.id,
    name: 'Åsens HVB',
    form: 'hvb',
    home_type: 'behandlingshem',
    orientation: ['psykosocial', 'missbruk'],
    age_min: 13,
    age_max: 17,
    kommun: '0180', // Stockholm, Stockholms län
    capacity: 6,
    website: 'https://asen.example.se',
  });
  await buildPermit(db, { unitId: asen.id, providerId: northCare.id, history: [{ status: 'active', from: '2019-05-01' }] });

  const bjorken = await buildUnit(db, {
    provider_id: northCare.id,
    name: 'Björkens stödboende',
    form: 'stodboende',
    home_type: 'stodlagenheter',
    orientation: ['ensamkommande'],
    age_min: 16,
    age_max: 20,
    kommun: '1480', // Göteborg, Västra Götalands län
    city: 'Göteborg',
    postal_code: '41101',
  });
  await buildPermit(db, {
    unitId: bjorken.id,
    providerId: northCare.id,
    legalForm: 'stodboende',
    history: [
      { status: 'active', from: '2018-01-15' },
      { status: 'dormant', from: '2023-06-01' },
    ],
  });

  const angsgarden = await buildUnit(db, {
    provider_id: northCare.id,
    name: 'Ängsgården',
    form: 'hvb',
    home_type: 'utredningshem',
    orientation: ['npf'],
    age_min: 0,
    age_max: 12,
    kommun: '1280', // Malmö, Skåne län
  });
  await buildPermit(db, {
    unitId: angsgarden.id,
    providerId: northCare.id,
    history: [
      { status: 'active', from: '2017-03-01' },
      { status: 'banned', from: '2024-02-10', reason: 'Allvarliga brister i tillsynen' },
    ],
  });

  // Run by a provider whose name, not the home's, matches "östra"; no permit of its own: counts as active.
  const zeta = await buildUnit(db, {
    provider_id: eastCare.id,
    name: 'Zeta akuthem',
    form: 'hvb',
    home_type: 'akuthem',
    orientation: ['psykosocial'],
    age_min: 10,
    age_max: 15,
    kommun: '0114', // Upplands Väsby, Stockholms län
  });

  const obacken = await buildUnit(db, {
    provider_id: eastCare.id,
    name: 'Öbacken',
    form: 'hvb',
    home_type: 'behandlingshem',
    orientation: ['kriminalitet'],
    age_min: 15,
    age_max: 20,
    kommun: '0180',
  });
  await buildPermit(db, {
    unitId: obacken.id,
    providerId: eastCare.id,
    history: [
      { status: 'active', from: '2016-01-01' },
      { status: 'revoked', from: '2024-09-01' },
      { status: 'appeal_pending', from: '2024-09-20' },
    ],
  });

  const clinic = await buildUnit(db, { provider_id: eastCare.id, name: 'Vårdcentral Centrum', form: 'vardcentral', home_type: null, orientation: null, age_min: null, age_max: null, kommun: '0180' });

  return { northCare, eastCare, asen, bjorken, angsgarden, zeta, obacken, clinic };
}

export type HvbHomes = Awaited<ReturnType<typeof buildHvbHomes>>;
