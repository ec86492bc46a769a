import { readFileSync } from 'node:fs';

/** One optimizer step of the two-step runs, as PyTorch printed it. */
export interface TwoStepGoldenRow {
  step: number;
  grad: number;
  weight: number;
  line: string;
}

/** The contents of examples.json (written by gen_examples.py with PyTorch 1.13). */
export interface ExamplesGolden {
  torch: string;
  two_steps: Record<string, TwoStepGoldenRow[]>;
  saddle: {
    start: [number, number];
    lr: number;
    steps: number;
    dtype: 'float64';
    sgd: [number, number][];
    momentum: { momentum: number; path: [number, number][] };
  };
  printf: { value: number; f: string; f0: string }[];
}

/** The PyTorch references of this package (test-only; reads the JSON beside this file). */
export const examplesGolden = JSON.parse(
  readFileSync(new URL('./examples.json', import.meta.url), 'utf8'),
) as ExamplesGolden;
