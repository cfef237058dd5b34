// The control sample's draw: reproducible from the stored seed alone. The frame is put in a fixed order (unit
// id, by code point) so the draw does not depend on how the database returned it; a 32-bit PRNG (mulberry32)
// drives a partial Fisher–Yates shuffle; the first k of the shuffle are the sample, in the order drawn.

export const SAMPLE_METHOD =
  'Slumpmässigt urval utan återläggning: ramen sorteras efter verksamhetens id (teckenkod för teckenkod), ' +
  'och en partiell Fisher–Yates-blandning med slumptalsgeneratorn mulberry32 och det sparade fröet väljer k verksamheter. ' +
  'Samma frö och samma ram ger alltid samma urval.';

export const MAX_SEED = 2 ** 32;

/** mulberry32: a small, well-mixed 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k units drawn without replacement from the frame, reproducibly for a seed. */
export function drawSample(frame: readonly string[], k: number, seed: number): string[] {
  if (!Number.isInteger(seed) || seed < 0 || seed >= MAX_SEED) throw new RangeError(`seed ${seed} outside 0 … 2^32 − 1`);
  if (!Number.isInteger(k) || k < 0 || k > frame.length) throw new RangeError(`sample size ${k} outside 0 … ${frame.length}`);
  const order = [...new Set(frame)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (order.length !== frame.length) throw new RangeError('the frame holds a unit twice');
  const random = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, k);
}
