/** Loads references.json (written by gen_references.py with PyTorch 1.13; see that script). */
import { readFileSync } from 'node:fs';
import type { SchedulerSpec } from '@descent/fixtures';
import type { OptimizerSpec } from './build';

/** A `step()` / `step(epoch)` sequence: `lrs[0]` after construction, `lrs[k + 1]` after `calls[k]`. */
export interface CallsCase extends SchedulerSpec {
  name: string;
  optimizer: OptimizerSpec;
  calls: (number | null)[];
  lrs: number[][];
  track?: 'momentum' | 'beta1';
  momentum?: number[][];
  beta1?: number[][];
  note?: string;
}

/** A scheduler rebuilt with `lastEpoch` on the groups saved after `before` steps. */
export interface ResumeCase extends SchedulerSpec {
  name: string;
  optimizer: OptimizerSpec;
  before: number;
  after: number;
  groups: Record<string, unknown>[];
  lastEpoch: number;
  lrs: number[][];
  track?: 'momentum' | 'beta1';
  momentum?: number[][];
  beta1?: number[][];
  note?: string;
}

/** The whole file. */
export interface References {
  torch: string;
  tolerance: { rtol: number; atol: number };
  calls: CallsCase[];
  resume: ResumeCase[];
  errors: Record<string, { python: string; message: string }>;
}

export const references = JSON.parse(readFileSync(new URL('./references.json', import.meta.url), 'utf8')) as References;
