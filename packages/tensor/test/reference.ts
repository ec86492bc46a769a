/** A naive n-d reference (plain arrays and index arithmetic) that the property tests compare against. */
export interface Ref {
  shape: number[];
  values: number[];
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function indexToCoords(i: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const s = shape[d] as number;
    coords[d] = i % s;
    i = Math.floor(i / s);
  }
  return coords;
}

export function coordsToIndex(coords: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * (shape[d] as number) + (coords[d] as number);
  return i;
}

export function refBroadcast(a: Ref, b: Ref, fn: (x: number, y: number) => number): Ref {
  const n = Math.max(a.shape.length, b.shape.length);
  const pad = (s: number[]): number[] => [...new Array<number>(n - s.length).fill(1), ...s];
  const sa = pad(a.shape);
  const sb = pad(b.shape);
  const shape = sa.map((d, i) => (d === 1 ? (sb[i] as number) : d));
  const values = Array.from({ length: sizeOf(shape) }, (_, i) => {
    const c = indexToCoords(i, shape);
    const x = a.values[coordsToIndex(c.map((v, d) => ((sa[d] as number) === 1 ? 0 : v)), sa)] as number;
    const y = b.values[coordsToIndex(c.map((v, d) => ((sb[d] as number) === 1 ? 0 : v)), sb)] as number;
    return fn(x, y);
  });
  return { shape, values };
}

export function refSum(a: Ref, dims: readonly number[], keepdim: boolean): Ref {
  const keep = a.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const out = new Array<number>(sizeOf(keep)).fill(0);
  a.values.forEach((v, i) => {
    const c = indexToCoords(i, a.shape).map((x, d) => (dims.includes(d) ? 0 : x));
    out[coordsToIndex(c, keep)] = (out[coordsToIndex(c, keep)] as number) + v;
  });
  return { shape: keepdim ? keep : a.shape.filter((_, d) => !dims.includes(d)), values: out };
}

export function refPermute(a: Ref, dims: readonly number[]): Ref {
  const shape = dims.map((d) => a.shape[d] as number);
  const values = Array.from({ length: sizeOf(shape) }, (_, i) => {
    const c = indexToCoords(i, shape);
    const src = new Array<number>(a.shape.length);
    dims.forEach((d, j) => (src[d] = c[j] as number));
    return a.values[coordsToIndex(src, a.shape)] as number;
  });
  return { shape, values };
}

export function refMatmul(a: Ref, b: Ref): Ref {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1] as number;
  const values = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) values[i * n + j] = (values[i * n + j] as number) + (a.values[i * k + p] as number) * (b.values[p * n + j] as number);
  return { shape: [m, n], values };
}
