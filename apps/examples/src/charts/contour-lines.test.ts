import { describe, expect, it } from 'vitest';
import { contourSegments, joinSegments, logLevels, sampleGrid } from './contour-lines';

const circle = sampleGrid((x, y) => x * x + y * y, { x: [-1, 1], y: [-1, 1] }, 41);

describe('contourSegments', () => {
  it('traces the level 0.25 of x² + y² on the circle of radius 0.5', () => {
    const segs = contourSegments(circle, [0.25]);
    expect(segs.length).toBeGreaterThan(20);
    // Linear interpolation of r² between nodes 0.05 apart: the error in r is below h²/(8r) ≈ 6e-4.
    for (const s of segs) {
      expect(Math.abs(Math.hypot(s.x, s.y) - 0.5)).toBeLessThan(1e-3);
      expect(Math.abs(Math.hypot(s.x2, s.y2) - 0.5)).toBeLessThan(1e-3);
    }
  });

  it('splits a saddle cell by its centre value (level 0 of x·y + 0.01)', () => {
    // One cell with nodes at ±0.5: the corner values 0.26, −0.24, 0.26, −0.24 alternate around the
    // level, so all four edges are crossed, and the centre value 0.01 decides the pairing.
    const grid = sampleGrid((x, y) => x * y + 0.01, { x: [-0.5, 0.5], y: [-0.5, 0.5] }, 2);
    const segs = contourSegments(grid, [0]);
    expect(segs).toHaveLength(2);
    // Centre 0.01 > 0, like the corners (±0.5, ±0.5) with x·y > 0: those corners are joined,
    // so the pieces cut off the two negative corners (0.5, −0.5) and (−0.5, 0.5).
    for (const s of segs) expect(Math.sign(s.x + s.x2)).toBe(-Math.sign(s.y + s.y2));
  });
});

describe('joinSegments', () => {
  it('joins the circle into one closed polyline through every segment', () => {
    const segs = contourSegments(circle, [0.25]);
    const pts = joinSegments(segs);
    expect(new Set(pts.map((p) => p.line)).size).toBe(1);
    expect(pts).toHaveLength(segs.length + 1);
    expect([pts[0]?.x, pts[0]?.y]).toEqual([pts.at(-1)?.x, pts.at(-1)?.y]);
    for (const [i, p] of pts.entries()) expect(p.order).toBe(i);
  });
});

describe('logLevels', () => {
  it('spaces levels evenly in log(f − min) from 0.9·1e-3 to 0.9 of the range', () => {
    // f = x² + y² on [−1, 1]²: min 0, max 2.
    const levels = logLevels(circle, 4, 1e-3);
    const want = [1e-3, 1e-2, 1e-1, 1].map((r) => 2 * 0.9 * r);
    levels.forEach((l, i) => expect(l).toBeCloseTo(want[i] as number, 12));
  });
});
