import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

const referenceDir = new URL('../../../reference/', import.meta.url);

interface DepartmentsFile {
  departments: { code: string; name: string; city: string; dutyEmail?: string; counties: string[] }[];
}

function readCsv(relativePath: string): Record<string, string>[] {
  // Every column is read as text: SCB codes keep their leading zeros.
  return parse(readFileSync(new URL(relativePath, referenceDir), 'utf8'), { columns: true, skip_empty_lines: true });
}

/** The department map, checked: every län belongs to exactly one department. */
export function readDepartments(counties: string[]): DepartmentsFile['departments'] {
  const file = JSON.parse(readFileSync(new URL('departments.json', referenceDir), 'utf8')) as DepartmentsFile;
  const owner = new Map<string, string>();
  for (const department of file.departments) {
    for (const county of department.counties) {
      if (owner.has(county)) throw new Error(`departments.json: län ${county} is in both ${owner.get(county)} and ${department.code}`);
      owner.set(county, department.code);
    }
  }
  const missing = counties.filter((c) => !owner.has(c));
  if (missing.length > 0) throw new Error(`departments.json: län ${missing.join(', ')} belong to no department`);
  return file.departments;
}

/** Loads län, kommuner, postcodes and departments; safe to run on every start. */
export async function loadReferenceData(db: Db): Promise<void> {
  const counties = readCsv('geo/counties.csv');
  const municipalities = readCsv('geo/municipalities.csv');
  const postcodes = readCsv('geo/postal_to_municipality.csv');
  const centroidsFile = 'geo/municipality-centroids.csv';
  const centroids = new Map<string, { lat: number; lon: number }>();
  if (existsSync(new URL(centroidsFile, referenceDir))) {
    for (const row of readCsv(centroidsFile)) centroids.set(row.municipality_code, { lat: Number(row.lat), lon: Number(row.lon) });
  }
  const departments = readDepartments(counties.map((c) => c.county_code));
  const departmentOf = new Map(departments.flatMap((d) => d.counties.map((c) => [c, d.code] as const)));

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('department')
      .values(departments.map(({ code, name, city, dutyEmail }) => ({ code, name, city, duty_email: dutyEmail ?? null })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), city: eb.ref('excluded.city'), duty_email: eb.ref('excluded.duty_email') })),
      )
      .execute();
    await trx
      .insertInto('county')
      .values(counties.map((c) => ({ code: c.county_code, name: c.county_name, short_name: c.county_name_short, department_code: departmentOf.get(c.county_code)! })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ department_code: eb.ref('excluded.department_code') })))
      .execute();
    await trx
      .insertInto('municipality')
      .values(
        municipalities.map((m) => ({
          code: m.municipality_code,
          name: m.municipality_name,
          short_name: m.municipality_name_short,
          county_code: m.county_code,
          lat: centroids.get(m.municipality_code)?.lat ?? null,
          lon: centroids.get(m.municipality_code)?.lon ?? null,
        })),
      )
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), short_name: eb.ref('excluded.short_name'), lat: eb.ref('excluded.lat'), lon: eb.ref('excluded.lon') })))
      .execute();
    const knownPostcodes = await trx.selectFrom('postcode').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    if (knownPostcodes.n < postcodes.length) {
      for (let i = 0; i < postcodes.length; i += 2000) {
        await trx
          .insertInto('postcode')
          .values(postcodes.slice(i, i + 2000).map((p) => ({ code: p.postal_code, locality: p.locality, municipality_code: p.municipality_code })))
          .onConflict((oc) => oc.column('code').doNothing())
          .execute();
      }
    }
  });
}
