// Creating a selection project: the population is defined, checked against what the person may select
// among, and frozen from the latest national risk run together with the project and its audit row.
import { randomUUID } from 'node:crypto';
import { scopeOf } from '../../../platform/auth/index.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { SelectionPopulation } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { UNIT_FORMS } from '../../registry/index.ts';
import { latestNationalRun } from '../scoring/index.ts';
import { actorOf, type Selector } from './access.ts';
import { FieldErrors, readText } from './form-input.ts';
import { findCounties, findDepartments, findMunicipalities, findProvidersMatching, insertPopulation } from './repository.ts';

/** Two populations alike in what they select (a stored one comes back from jsonb with its keys reordered). */
function samePopulation(a: SelectionPopulation, b: SelectionPopulation): boolean {
  return [...a.forms].sort().join() === [...b.forms].sort().join() && a.county === b.county && a.kommun === b.kommun
    && a.department === b.department && (a.provider?.id ?? null) === (b.provider?.id ?? null);
}

export const PROJECT_FIELDS = ['namn', 'syfte', 'avdelning', 'lan', 'kommun', 'vardgivare'] as const;

export interface NewProjectForm {
  /** The form's random id from when it was opened: a second send of it finds the first project. */
  skickid: string;
  namn: string;
  syfte: string;
  verksamhetsform: string[];
  avdelning: string;
  lan: string;
  kommun: string;
  vardgivare: string;
}

/** A new, empty form with its own submission id. */
export const emptyProjectForm = (): NewProjectForm => ({ skickid: randomUUID(), namn: '', syfte: '', verksamhetsform: [], avdelning: '', lan: '', kommun: '', vardgivare: '' });

export const NO_RUN_MESSAGE = 'Det finns ingen nationell riskberäkning ännu. Urvalet bygger på den, så en beräkning behöver köras först.';

/**
 * Validates the population: every problem names its field. An inspector's population always lies within
 * their own department; national staff may limit theirs to a department, a län, a kommun and a provider.
 */
async function readPopulation(db: Db, staff: Selector, form: NewProjectForm, errors: FieldErrors): Promise<{ population: SelectionPopulation; departmentCode: string | null }> {
  const isNational = scopeOf(staff, 'risk.select') === 'national';
  const own = isNational ? null : staff.department;
  const forms = [...new Set(form.verksamhetsform)];
  if (forms.length === 0) errors.add('verksamhetsform', 'Välj minst en verksamhetsform');
  else if (forms.some((f) => !Object.hasOwn(UNIT_FORMS, f))) errors.add('verksamhetsform', 'Välj verksamhetsformer i listan');

  let department: string | null = null;
  if (isNational && form.avdelning) {
    if ((await findDepartments(db)).some((d) => d.code === form.avdelning)) department = form.avdelning;
    else errors.add('avdelning', 'Välj en avdelning i listan');
  }
  const within = own ?? department;

  let county: { code: string; department_code: string } | null = null;
  if (form.lan) {
    const found = (await findCounties(db)).find((c) => c.code === form.lan);
    if (!found) errors.add('lan', 'Välj ett län i listan');
    else if (own && found.department_code !== own) errors.add('lan', 'Välj ett län inom din avdelning');
    else if (within && found.department_code !== within) errors.add('lan', 'Länet ligger inte inom den valda avdelningen');
    else county = found;
  }
  let kommun: { code: string; county_code: string; department_code: string } | null = null;
  if (form.kommun) {
    const found = (await findMunicipalities(db)).find((m) => m.code === form.kommun);
    if (!found) errors.add('kommun', 'Välj en kommun i listan');
    else if (own && found.department_code !== own) errors.add('kommun', 'Välj en kommun inom din avdelning');
    else if (within && found.department_code !== within) errors.add('kommun', 'Kommunen ligger inte inom den valda avdelningen');
    else if (form.lan && found.county_code !== form.lan) errors.add('kommun', 'Kommunen ligger inte i det valda länet');
    else kommun = found;
  }
  let provider: SelectionPopulation['provider'] = null;
  const providerText = form.vardgivare.trim().slice(0, 300);
  if (providerText) {
    const matches = await findProvidersMatching(db, providerText);
    if (matches.length === 0) errors.add('vardgivare', 'Det finns ingen vårdgivare eller huvudman med det organisationsnumret eller namnet');
    else if (matches.length > 1) errors.add('vardgivare', 'Flera vårdgivare eller huvudmän stämmer med det du skrev. Skriv organisationsnumret');
    else provider = { id: matches[0].id, name: matches[0].name, orgnr: matches[0].orgnr };
  }
  // The department the population lies within decides who may work on the project.
  const departmentCode = own ?? department ?? county?.department_code ?? kommun?.department_code ?? null;
  // An inspector's limit to their department is part of the population, so the project and its memo say so.
  return { population: { forms, county: county?.code ?? null, kommun: kommun?.code ?? null, department: within, provider }, departmentCode };
}

export async function createSelectionProject(db: Db, options: { staff: Selector; form: NewProjectForm }): Promise<{ id: number; populationCount: number }> {
  const { staff, form } = options;
  const errors = new FieldErrors();
  const title = errors.collect(() => readText(form.namn, 'namn', { label: 'Namnet', missing: 'Skriv ett namn på urvalsprojektet', maxLength: 200 }));
  const purpose = errors.collect(() => readText(form.syfte, 'syfte', { label: 'Syftet', missing: 'Skriv syftet med urvalet', maxLength: 5000 }));
  const { population, departmentCode } = await readPopulation(db, staff, form, errors);
  errors.throwIfAny('selection project');

  // The same form sent again (a second press while the population is frozen, the back button): its project.
  // Only the same send: the same person, name, purpose and population. A form changed after going back
  // (the browser keeps its id) is a new project, under a new id.
  const sameSend = (p: { created_by: string; title: string; purpose: string; population: SelectionPopulation }) =>
    p.created_by === staff.subject && p.title === title && p.purpose === purpose && samePopulation(p.population, population);
  const sentBefore = async () => {
    const found = await db.selectFrom('selection_project').select(['id', 'population_count', 'created_by', 'title', 'purpose', 'population']).where('submission_id', '=', submissionId).executeTakeFirst();
    return found ? { ...found, same: sameSend(found) } : undefined;
  };
  let submissionId = form.skickid;
  const earlier = await sentBefore();
  if (earlier?.same) return { id: earlier.id, populationCount: earlier.population_count };
  if (earlier) submissionId = randomUUID();
  const store = () => db.transaction().execute(async (trx) => {
    const run = await latestNationalRun(trx);
    if (!run) throw new AppError('conflict', 'no national risk run to select from', { userMessage: NO_RUN_MESSAGE });
    const { id } = await trx
      .insertInto('selection_project')
      .values({
        title: title!,
        purpose: purpose!,
        population: JSON.stringify(population),
        department_code: departmentCode,
        run_id: run.id,
        as_of: run.as_of,
        population_count: 0,
        created_by: staff.subject,
        created_by_name: staff.name,
        submission_id: submissionId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const populationCount = await insertPopulation(trx, { projectId: id, asOf: run.as_of, population, withinDepartment: scopeOf(staff, 'risk.select') === 'national' ? null : staff.department });
    if (populationCount === 0) {
      throw AppError.validation([
        { field: 'verksamhetsform', message: 'Det finns inga verksamheter med riskpoäng som stämmer med avgränsningen. Välj andra verksamhetsformer eller ett större område' },
      ]);
    }
    await trx.updateTable('selection_project').set({ population_count: populationCount }).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor: actorOf(staff),
      action: 'selection.create',
      entityType: 'selection_project',
      entityId: String(id),
      reason: purpose,
      details: { population: { ...population, provider: population.provider?.id ?? null }, populationCount, runId: run.id, asOf: run.as_of, department: departmentCode },
    });
    return { id, populationCount };
  });
  try {
    return await store();
  } catch (error) {
    // Sent twice at once: the other send committed first, and its project is this form's.
    const first = (error as { code?: string }).code === '23505' ? await sentBefore() : undefined;
    if (first?.same) return { id: first.id, populationCount: first.population_count };
    throw error;
  }
}
