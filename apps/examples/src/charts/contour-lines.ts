/** One straight piece of a contour line, at one level. */
export interface ContourSegment {
  x: number;
  y: number;
  x2: number;
  y2: number;
  level: number;
}

/** A function sampled on a regular grid: `z[j][i]` = f(xs[i], ys[j]). */
export interface SampledGrid {
  xs: number[];
  ys: number[];
  z: number[][];
}

/** Samples `f` on an `n × n` grid of nodes spanning the domain (corners included). */
export function sampleGrid(
  f: (x: number, y: number) => number,
  domain: { x: [number, number]; y: [number, number] },
  n = 81,
): SampledGrid {
  const axis = ([a, b]: [number, number]): number[] =>
    Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const xs = axis(domain.x);
  const ys = axis(domain.y);
  return { xs, ys, z: ys.map((y) => xs.map((x) => f(x, y))) };
}

/**
 * Contour lines by marching squares: in each grid cell, the level crosses the edges whose two
 * corners lie on either side of it, at the linearly interpolated point; the crossings are joined
 * in pairs (a saddle cell, four crossings, is split by the value at its centre).
 *
 * @example
 * contourSegments(sampleGrid((x, y) => x * x + y * y, { x: [-1, 1], y: [-1, 1] }), [0.25]);
 * // pieces of the circle of radius 0.5
 */
export function contourSegments(grid: SampledGrid, levels: readonly number[]): ContourSegment[] {
  const { xs, ys, z } = grid;
  const out: ContourSegment[] = [];
  for (const level of levels) {
    for (let j = 0; j + 1 < ys.length; j++) {
      for (let i = 0; i + 1 < xs.length; i++) {
        const x0 = xs[i] as number;
        const x1 = xs[i + 1] as number;
        const y0 = ys[j] as number;
        const y1 = ys[j + 1] as number;
        // Corners counter-clockwise from the bottom left.
        const v = [z[j]?.[i], z[j]?.[i + 1], z[j + 1]?.[i + 1], z[j + 1]?.[i]] as number[];
        const px = [x0, x1, x1, x0];
        const py = [y0, y0, y1, y1];
        const hits: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const a = v[e] as number;
          const b = v[(e + 1) % 4] as number;
          if (a < level === b < level) continue;
          const t = (level - a) / (b - a);
          const ax = px[e] as number;
          const ay = py[e] as number;
          hits.push([
            ax + t * ((px[(e + 1) % 4] as number) - ax),
            ay + t * ((py[(e + 1) % 4] as number) - ay),
          ]);
        }
        if (hits.length === 2) {
          const [p, q] = hits as [[number, number], [number, number]];
          out.push({ x: p[0], y: p[1], x2: q[0], y2: q[1], level });
        } else if (hits.length === 4) {
          // Crossings on edges 0..3 in order; the centre decides which corners are connected.
          const centre =
            ((v[0] as number) + (v[1] as number) + (v[2] as number) + (v[3] as number)) / 4;
          const pairs =
            centre < level === (v[0] as number) < level
              ? [
                  [0, 1],
                  [2, 3],
                ]
              : [
                  [3, 0],
                  [1, 2],
                ];
          for (const [a, b] of pairs as [number, number][]) {
            const p = hits[a] as [number, number];
            const q = hits[b] as [number, number];
            out.push({ x: p[0], y: p[1], x2: q[0], y2: q[1], level });
          }
        }
      }
    }
  }
  return out;
}

/**
 * `count` levels spaced evenly in log(f − min) between `min + span·lowest` and the largest value,
 * so that both a steep wall and a flat valley get lines.
 */
export function logLevels(grid: SampledGrid, count = 14, lowest = 1e-3): number[] {
  const all = grid.z.flat();
  const min = Math.min(...all);
  const span = Math.max(...all) - min;
  return Array.from(
    { length: count },
    (_, k) => min + span * lowest ** (1 - k / (count - 1)) * 0.9,
  );
}

/** A contour line as a polyline: points in order, all at one level (`line` is its id). */
export interface ContourPoint {
  x: number;
  y: number;
  level: number;
  line: number;
  order: number;
}

/**
 * Joins marching-squares segments that share end points into polylines (one chart line each, far
 * fewer SVG elements than one per segment). Neighbouring cells compute a shared crossing from the
 * same two corner values, so end points match exactly.
 */
export function joinSegments(segments: readonly ContourSegment[]): ContourPoint[] {
  const key = (x: number, y: number, level: number): string => `${level}|${x}|${y}`;
  const ends = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (const k of [key(s.x, s.y, s.level), key(s.x2, s.y2, s.level)]) {
      const list = ends.get(k);
      if (list) list.push(i);
      else ends.set(k, [i]);
    }
  });
  const used = new Uint8Array(segments.length);
  const out: ContourPoint[] = [];
  let line = 0;
  // Walks from an end point through unused segments; returns the points after `start`.
  const walk = (start: [number, number], level: number): [number, number][] => {
    const pts: [number, number][] = [];
    let at = start;
    for (;;) {
      const next = ends.get(key(at[0], at[1], level))?.find((i) => used[i] === 0);
      if (next === undefined) return pts;
      used[next] = 1;
      const s = segments[next] as ContourSegment;
      at = s.x === at[0] && s.y === at[1] ? [s.x2, s.y2] : [s.x, s.y];
      pts.push(at);
    }
  };
  segments.forEach((s, i) => {
    if (used[i] === 1) return;
    used[i] = 1;
    const forward = walk([s.x2, s.y2], s.level);
    const backward = walk([s.x, s.y], s.level).reverse();
    const pts: [number, number][] = [...backward, [s.x, s.y], [s.x2, s.y2], ...forward];
    pts.forEach(([x, y], order) => out.push({ x, y, level: s.level, line, order }));
    line++;
  });
  return out;
}
