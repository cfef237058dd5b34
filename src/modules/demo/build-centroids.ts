// One-off script: precomputes a representative point per kommun from the SCB boundaries.
//   npx tsx src/modules/demo/build-centroids.ts
// Writes reference/geo/municipality-centroids.csv (municipality_code, municipality_name, lat, lon, radius_km).
//
// lat/lon is the kommun's "pole of inaccessibility" (the point farthest from its boundary), not the plain area
// centroid: for coastal and crescent-shaped kommuner the area centroid often lies in the sea or in a
// neighbouring kommun, and map markers must land inside. radius_km is the distance from that point to the
// nearest boundary, so the demo generator can scatter units within it and stay inside the kommun.
import { readFileSync, writeFileSync } from 'node:fs';

type Ring = [number, number][];
type Polygon = Ring[];

interface Feature {
  properties: { KnKod: string; KnNamn: string };
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

const referenceDir = new URL('../../../reference/geo/', import.meta.url);
const KM_PER_DEGREE_LAT = 111.32;

/** Ray casting over all rings (holes included), in raw degrees. */
function isInside(x: number, y: number, polygons: Polygon[]): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Distance in km from a point to the nearest boundary edge (local equirectangular projection). */
function distanceToBoundaryKm(lon: number, lat: number, polygons: Polygon[]): number {
  const kmPerDegreeLon = KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = (ring[j][0] - lon) * kmPerDegreeLon;
        const ay = (ring[j][1] - lat) * KM_PER_DEGREE_LAT;
        const bx = (ring[i][0] - lon) * kmPerDegreeLon;
        const by = (ring[i][1] - lat) * KM_PER_DEGREE_LAT;
        const dx = bx - ax;
        const dy = by - ay;
        const lengthSquared = dx * dx + dy * dy;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
        const px = ax + t * dx;
        const py = ay + t * dy;
        best = Math.min(best, px * px + py * py);
      }
    }
  }
  return Math.sqrt(best);
}

/** Grid search for the inside point farthest from the boundary, refined around the best cell a few times. */
function findPoleOfInaccessibility(polygons: Polygon[]): { lon: number; lat: number; radiusKm: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  let best = { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2, radiusKm: -1 };
  let halfWidth = (maxX - minX) / 2;
  let halfHeight = (maxY - minY) / 2;
  let centerX = best.lon;
  let centerY = best.lat;
  const steps = 24;
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = centerX - halfWidth + (2 * halfWidth * i) / steps;
        const y = centerY - halfHeight + (2 * halfHeight * j) / steps;
        if (!isInside(x, y, polygons)) continue;
        const radiusKm = distanceToBoundaryKm(x, y, polygons);
        if (radiusKm > best.radiusKm) best = { lon: x, lat: y, radiusKm };
      }
    }
    centerX = best.lon;
    centerY = best.lat;
    halfWidth /= 4;
    halfHeight /= 4;
  }
  if (best.radiusKm < 0) throw new Error('no inside point found');
  return best;
}

const geojson = JSON.parse(readFileSync(new URL('kommuner.geojson', referenceDir), 'utf8')) as { features: Feature[] };
const lines = ['municipality_code,municipality_name,lat,lon,radius_km'];
const features = [...geojson.features].sort((a, b) => a.properties.KnKod.localeCompare(b.properties.KnKod));
for (const feature of features) {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const pole = findPoleOfInaccessibility(polygons);
  lines.push([feature.properties.KnKod, feature.properties.KnNamn, pole.lat.toFixed(5), pole.lon.toFixed(5), pole.radiusKm.toFixed(2)].join(','));
}
writeFileSync(new URL('municipality-centroids.csv', referenceDir), lines.join('\n') + '\n');
console.log(`Wrote ${features.length} kommuner to reference/geo/municipality-centroids.csv`);
