import { saddleValue } from '@descent/bp-examples';

/**
 * The three 2-D test surfaces of the optimizer race, with analytic gradients:
 *
 *   bowl        f = x²/10 + 2y²                 (an elongated bowl: steep in y, flat in x)
 *   saddle      f = x² + y⁴/4 − y²/2            (the tutorial's saddle at the origin; minima at (0, ±1))
 *   rosenbrock  f = (1 − x)² + 100·(y − x²)²    (the curved valley; minimum at (1, 1))
 */
export interface Surface {
  id: 'bowl' | 'saddle' | 'rosenbrock';
  name: { en: string; zh: string };
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  start: [number, number];
  domain: { x: [number, number]; y: [number, number] };
  /** Where the minima are (drawn as crosses). */
  minima: { x: number; y: number }[];
  /** Step count of the race on this surface. */
  steps: number;
}

export const SURFACES: readonly Surface[] = [
  {
    id: 'bowl',
    name: { en: 'Bowl', zh: '碗形' },
    f: (x, y) => (x * x) / 10 + 2 * y * y,
    grad: (x, y) => [x / 5, 4 * y],
    start: [-4.5, 1.8],
    domain: { x: [-5, 5], y: [-2.5, 2.5] },
    minima: [{ x: 0, y: 0 }],
    steps: 60,
  },
  {
    id: 'saddle',
    name: { en: 'Saddle point', zh: '鞍点' },
    f: saddleValue,
    grad: (x, y) => [2 * x, y * y * y - y],
    start: [1, 0.001],
    domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    minima: [
      { x: 0, y: 1 },
      { x: 0, y: -1 },
    ],
    steps: 200,
  },
  {
    id: 'rosenbrock',
    name: { en: 'Rosenbrock valley', zh: 'Rosenbrock 山谷' },
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    start: [-1.5, 2],
    domain: { x: [-2, 2], y: [-1, 3] },
    minima: [{ x: 1, y: 1 }],
    steps: 800,
  },
];
