import { saddleValue } from '@descent/bp-examples';

/**
 * The classic 2-D test functions of the optimizer zoo, with analytic gradients and their known
 * minima (Jamil & Yang 2013, "A literature survey of benchmark functions for global optimization
 * problems", https://arxiv.org/abs/1308.4008; the saddle is the tutorial's):
 *
 *   rosenbrock  (1 − x)² + 100·(y − x²)²                                   min 0 at (1, 1)
 *   beale       (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²   min 0 at (3, 0.5)
 *   himmelblau  (x² + y − 11)² + (x + y² − 7)²                             min 0 at four points
 *   rastrigin   20 + Σ (x_i² − 10·cos 2πx_i)                               min 0 at (0, 0), local minima near every integer point
 *   ackley      −20·e^(−0.2·√(½(x² + y²))) − e^(½(cos 2πx + cos 2πy)) + e + 20   min 0 at (0, 0)
 *   saddle      x² + y⁴/4 − y²/2                                           saddle at (0, 0), min −¼ at (0, ±1)
 */
export interface ZooFunction {
  id: 'rosenbrock' | 'beale' | 'himmelblau' | 'rastrigin' | 'ackley' | 'saddle';
  name: { en: string; zh: string };
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  start: [number, number];
  domain: { x: [number, number]; y: [number, number] };
  /** The global minimisers (from the literature) and the minimum value f*. */
  minima: { x: number; y: number }[];
  fStar: number;
  /** Steps of every run on this function. */
  steps: number;
}

const TAU = 2 * Math.PI;

export const ZOO_FUNCTIONS: readonly ZooFunction[] = [
  {
    id: 'rosenbrock',
    name: { en: 'Rosenbrock', zh: 'Rosenbrock 函数' },
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    start: [-1.5, 2],
    domain: { x: [-2, 2], y: [-1, 3] },
    minima: [{ x: 1, y: 1 }],
    fStar: 0,
    steps: 300,
  },
  {
    id: 'beale',
    name: { en: 'Beale', zh: 'Beale 函数' },
    f: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    grad: (x, y) => {
      const a = 1.5 - x + x * y;
      const b = 2.25 - x + x * y * y;
      const c = 2.625 - x + x * y ** 3;
      return [
        2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
        2 * a * x + 4 * b * x * y + 6 * c * x * y * y,
      ];
    },
    start: [1, 1.4],
    domain: { x: [-1, 4.5], y: [-1.5, 2] },
    minima: [{ x: 3, y: 0.5 }],
    fStar: 0,
    steps: 250,
  },
  {
    id: 'himmelblau',
    name: { en: 'Himmelblau', zh: 'Himmelblau 函数' },
    f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    grad: (x, y) => [4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)],
    start: [-0.5, 0.5],
    domain: { x: [-5, 5], y: [-5, 5] },
    minima: [
      { x: 3, y: 2 },
      { x: -2.805118, y: 3.131312 },
      { x: -3.77931, y: -3.283186 },
      { x: 3.584428, y: -1.848126 },
    ],
    fStar: 0,
    steps: 200,
  },
  {
    id: 'rastrigin',
    name: { en: 'Rastrigin', zh: 'Rastrigin 函数' },
    f: (x, y) => 20 + x * x - 10 * Math.cos(TAU * x) + y * y - 10 * Math.cos(TAU * y),
    grad: (x, y) => [2 * x + 10 * TAU * Math.sin(TAU * x), 2 * y + 10 * TAU * Math.sin(TAU * y)],
    start: [2.2, -1.7],
    domain: { x: [-3, 3], y: [-3, 3] },
    minima: [{ x: 0, y: 0 }],
    fStar: 0,
    steps: 200,
  },
  {
    id: 'ackley',
    name: { en: 'Ackley', zh: 'Ackley 函数' },
    f: (x, y) =>
      -20 * Math.exp(-0.2 * Math.sqrt(0.5 * (x * x + y * y))) -
      Math.exp(0.5 * (Math.cos(TAU * x) + Math.cos(TAU * y))) +
      Math.E +
      20,
    grad: (x, y) => {
      const r = Math.sqrt(0.5 * (x * x + y * y));
      // √ has no derivative at the origin (the minimum): take 0 there, as a subgradient.
      const radial = r === 0 ? 0 : Math.exp(-0.2 * r) / r;
      const wave = Math.PI * Math.exp(0.5 * (Math.cos(TAU * x) + Math.cos(TAU * y)));
      return [2 * x * radial + wave * Math.sin(TAU * x), 2 * y * radial + wave * Math.sin(TAU * y)];
    },
    start: [2.5, -1.5],
    domain: { x: [-3, 3], y: [-3, 3] },
    minima: [{ x: 0, y: 0 }],
    fStar: 0,
    steps: 200,
  },
  {
    id: 'saddle',
    name: { en: 'Saddle', zh: '鞍点' },
    f: saddleValue,
    grad: (x, y) => [2 * x, y * y * y - y],
    start: [1, 0.001],
    domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    minima: [
      { x: 0, y: 1 },
      { x: 0, y: -1 },
    ],
    fStar: -0.25,
    steps: 150,
  },
];
