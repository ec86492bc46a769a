import { gradientDescentPlan } from '@descent/datasets';
import type { GradientDescentMode, GradientDescentPlan } from '@descent/datasets';

/** The tutorial's setting: 50,000 samples, mini-batches of 256, 10 epochs. */
export const TUTORIAL_SETTING = { n: 50_000, batchSize: 256, epochs: 10 } as const;

/** One row of the batch / stochastic / mini-batch table. */
export interface ModeRow {
  mode: GradientDescentMode;
  plan: GradientDescentPlan;
}

/** The three forms of gradient descent for the tutorial's setting. */
export function gradientDescentTable(setting = TUTORIAL_SETTING): ModeRow[] {
  const modes: GradientDescentMode[] = ['batch', 'stochastic', 'minibatch'];
  return modes.map((mode) => ({
    mode,
    plan: gradientDescentPlan({
      n: setting.n,
      mode,
      batchSize: setting.batchSize,
      epochs: setting.epochs,
    }),
  }));
}
