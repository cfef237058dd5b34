// Reads the reference data the demo world is built on: kommuner, län, postcodes, kommun points and the
// official test personnummer. Paths resolve from this file, so the generator works from any directory.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const referenceDir = new URL('../../../reference/', import.meta.url);

export interface Postcode {
  code: string;
  locality: string;
}

export interface Kommun {
  code: string; // 4-digit SCB code, e.g. '0180'
  name: string; // 'Stockholms kommun'
  shortName: string; // 'Stockholm'
  countyCode: string; // '01'
  isCountySeat: boolean;
  /** Relative population weight (see loadGeography). */
  weight: number;
  /** Street-address postcodes first choice; PO-box ranges only if a kommun has nothing else. */
  postcodes: Postcode[];
  lat: number;
  lon: number;
  /** Radius around (lat, lon) that stays inside the kommun. */
  radiusKm: number;
}

export interface County {
  code: string;
  name: string; // 'Stockholms län'
  shortName: string; // 'Stockholm'
}

export interface Geography {
  kommuner: Kommun[];
  counties: County[];
  kommunByCode: Map<string, Kommun>;
}

function readCsv(relativePath: string): Record<string, string>[] {
  // Every column is read as text: SCB codes and postcodes keep their leading zeros.
  return parse(readFileSync(new URL(relativePath, referenceDir), 'utf8'), { columns: true, skip_empty_lines: true });
}

let geography: Geography | undefined;

/**
 * Kommuner with postcodes, points and a population weight. The weight approximates population by the number
 * of postcodes (Stockholm 1,479 … the smallest 6), raised for county seats (SCB codes ending in 80), which
 * hold the county's hospitals and many services.
 */
export function loadGeography(): Geography {
  if (geography) return geography;
  const counties = readCsv('geo/counties.csv').map((row) => ({
    code: row.county_code,
    name: row.county_name,
    shortName: row.county_name_short,
  }));
  const postcodesByKommun = new Map<string, Postcode[]>();
  for (const row of readCsv('geo/postal_to_municipality.csv')) {
    const list = postcodesByKommun.get(row.municipality_code) ?? [];
    list.push({ code: row.postal_code, locality: row.locality });
    postcodesByKommun.set(row.municipality_code, list);
  }
  const points = new Map(readCsv('geo/municipality-centroids.csv').map((row) => [row.municipality_code, row]));
  const kommuner = readCsv('geo/municipalities.csv').map((row): Kommun => {
    const code = row.municipality_code;
    const allPostcodes = postcodesByKommun.get(code) ?? [];
    if (allPostcodes.length === 0) throw new Error(`no postcodes for kommun ${code}`);
    // Postcodes with 0 as third digit are mostly PO boxes and large recipients (101 23 Stockholm).
    const streetPostcodes = allPostcodes.filter((p) => p.code[2] !== '0');
    const point = points.get(code);
    if (!point) throw new Error(`no point for kommun ${code} in municipality-centroids.csv`);
    const isCountySeat = code.endsWith('80');
    return {
      code,
      name: row.municipality_name,
      shortName: row.municipality_name_short,
      countyCode: row.county_code,
      isCountySeat,
      weight: allPostcodes.length * (isCountySeat ? 1.25 : 1),
      postcodes: streetPostcodes.length > 0 ? streetPostcodes : allPostcodes,
      lat: Number(point.lat),
      lon: Number(point.lon),
      radiusKm: Number(point.radius_km),
    };
  });
  geography = { kommuner, counties, kommunByCode: new Map(kommuner.map((k) => [k.code, k])) };
  return geography;
}

let testPersonnummer: string[] | undefined;

/** Skatteverket's official test personnummer (YYYYMMDDNNNC): the only person numbers demo data may use. */
export function loadTestPersonnummer(): string[] {
  testPersonnummer ??= readFileSync(new URL('identity/test-personnummer.txt', referenceDir), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d{12}$/.test(line));
  return testPersonnummer;
}
