import { readFileSync } from 'node:fs';

// A small map of Sweden's län for the public home page, drawn on the server as SVG path data from
// reference/geo/lan.geojson. The projection is equirectangular, with longitudes shortened by the cosine
// of Sweden's middle latitude: exact enough for showing roughly where a home is.

const MAP_WIDTH = 180;
/** Points closer than this (in map pixels) to the previous one are dropped. */
const MIN_STEP = 0.8;

type Ring = [number, number][];
interface LanFeature {
  properties: { LnKod: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface SwedenMap {
  width: number;
  height: number;
  /** SVG path data per län code. */
  lanPaths: { lan: string; d: string }[];
  /** Map pixels of a WGS84 position. */
  project(lat: number, lon: number): { x: number; y: number };
}

let cached: SwedenMap | undefined;

export function getSwedenMap(): SwedenMap {
  cached ??= buildSwedenMap(JSON.parse(readFileSync(new URL('../../../../reference/geo/lan.geojson', import.meta.url), 'utf8')).features);
  return cached;
}

function buildSwedenMap(features: LanFeature[]): SwedenMap {
  const rings = features.flatMap((f) => ({ lan: f.properties.LnKod, polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates }));
  const points = rings.flatMap((f) => f.polygons.flat(2));
  const lons = points.map(([lon]) => lon);
  const lats = points.map(([, lat]) => lat);
  const west = Math.min(...lons);
  const east = Math.max(...lons);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const shrink = Math.cos((((north + south) / 2) * Math.PI) / 180);
  const scale = MAP_WIDTH / ((east - west) * shrink);
  const height = Math.ceil((north - south) * scale);
  const project = (lat: number, lon: number) => ({ x: round((lon - west) * shrink * scale), y: round((north - lat) * scale) });

  const lanPaths = rings.map(({ lan, polygons }) => ({
    lan,
    d: polygons
      .flat()
      .map((ring) => ringPath(ring.map(([lon, lat]) => project(lat, lon))))
      .filter(Boolean)
      .join(''),
  }));
  return { width: MAP_WIDTH, height, lanPaths, project };
}

function ringPath(points: { x: number; y: number }[]): string {
  const kept: { x: number; y: number }[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(point.x - last.x, point.y - last.y) >= MIN_STEP) kept.push(point);
  }
  if (kept.length < 3) return '';
  return `M${kept.map((p) => `${p.x} ${p.y}`).join('L')}Z`;
}

const round = (value: number) => Math.round(value * 10) / 10;
