import { readFileSync } from 'node:fs';
import { geoArea, geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

// The kommun map of the risk workspace: Sweden's 290 kommuner from reference/geo/kommuner.geojson, projected
// once per area (the whole country, or one department's kommuner) with a transverse Mercator centred on
// 15° E (SWEREF 99 TM's meridian) fitted to the area, and kept as SVG path strings. Points closer than
// MIN_STEP map pixels to the previous one are dropped and coordinates rounded to 0.1 px and written as
// relative steps, so the whole country is about 65 KB of path data.

export const MAP_WIDTH = 400;
const MIN_STEP = 1.2;

type KommunFeature = Feature<Polygon | MultiPolygon, { KnKod: string; KnNamn: string }>;

export interface KommunShape {
  code: string;
  name: string;
  /** SVG path data in map pixels. */
  d: string;
}

export interface KommunMap {
  width: number;
  height: number;
  kommuner: KommunShape[];
}

let features: KommunFeature[] | undefined;
const maps = new Map<string, KommunMap>();

function loadFeatures(): KommunFeature[] {
  if (!features) {
    const collection = JSON.parse(readFileSync(new URL('../../../../reference/geo/kommuner.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { KnKod: string; KnNamn: string }>;
    features = collection.features.map(windClockwise);
  }
  return features;
}

/**
 * d3-geo reads polygons on the sphere: an exterior ring must run clockwise, or the polygon is the rest of the
 * globe. GeoJSON files often follow RFC 7946 (counter-clockwise); such a feature is turned around.
 */
function windClockwise(feature: KommunFeature): KommunFeature {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const reverse = (rings: Polygon['coordinates']) => rings.map((ring) => [...ring].reverse());
  const geometry: Polygon | MultiPolygon =
    feature.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: reverse(feature.geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map(reverse) };
  return { ...feature, geometry };
}

/**
 * The map of the given kommuner (all of them when `codes` is absent), fitted to MAP_WIDTH. Cached per key:
 * the projection and path strings are computed once per area.
 */
export function getKommunMap(key: string, codes?: ReadonlySet<string>): KommunMap {
  const cached = maps.get(key);
  if (cached) return cached;
  const chosen = loadFeatures().filter((f) => !codes || codes.has(f.properties.KnKod));
  const collection: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: chosen };
  const projection = geoTransverseMercator().rotate([-15, 0]);
  if (chosen.length > 0) projection.fitWidth(MAP_WIDTH, collection);
  const bounds = chosen.length > 0 ? geoPath(projection).bounds(collection) : [[0, 0], [MAP_WIDTH, MAP_WIDTH]];
  const height = Math.max(1, Math.ceil(bounds[1][1]));
  const kommuner = chosen.map((f) => {
    const context = new SimplifyingPath(MIN_STEP);
    geoPath(projection, context)(f);
    return { code: f.properties.KnKod, name: f.properties.KnNamn, d: context.toString() };
  });
  const map = { width: MAP_WIDTH, height, kommuner };
  maps.set(key, map);
  return map;
}

/** Tenths of a pixel as the shortest decimal: 12 → "1.2", -5 → "-.5". */
function short(tenths: number): string {
  const text = String(tenths / 10);
  return text.replace(/^(-?)0\./, '$1.');
}

/** A number that follows another: a minus sign separates it, otherwise a space does. */
const signed = (tenths: number) => (tenths < 0 ? short(tenths) : ` ${short(tenths)}`);

/**
 * A d3-geo path context that writes SVG path data, dropping points within `minStep` of the last kept one.
 * A ring that would shrink below three points is kept whole, so even the smallest island stays on the map.
 */
class SimplifyingPath {
  private readonly parts: string[] = [];
  private ring: [number, number][] = [];

  constructor(private readonly minStep: number) {}

  moveTo(x: number, y: number): void {
    this.flush();
    this.ring = [[x, y]];
  }

  lineTo(x: number, y: number): void {
    this.ring.push([x, y]);
  }

  closePath(): void {
    this.flush();
  }

  arc(): void {
    // Points (not used for polygons) are drawn as arcs by d3-geo; the map has none.
  }

  beginPath(): void {}

  toString(): string {
    this.flush();
    return this.parts.join('');
  }

  private flush(): void {
    if (this.ring.length === 0) return;
    let kept: [number, number][] = [];
    for (const point of this.ring) {
      const last = kept[kept.length - 1];
      if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= this.minStep) kept.push(point);
    }
    if (kept.length < 3) kept = this.ring;
    this.ring = [];
    if (kept.length < 2) return;
    // Absolute start, then relative steps in tenths of a pixel: about a third shorter than absolute points.
    const tenths = kept.map(([x, y]) => [Math.round(x * 10), Math.round(y * 10)]);
    const steps: string[] = [];
    for (let i = 1; i < tenths.length; i++) steps.push(`${short(tenths[i][0] - tenths[i - 1][0])}${signed(tenths[i][1] - tenths[i - 1][1])}`);
    this.parts.push(`M${short(tenths[0][0])}${signed(tenths[0][1])}l${steps.join(' ')}z`);
  }
}
