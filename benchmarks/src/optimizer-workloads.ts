/**
 * The optimizers beyond torch.optim (issue #16) in `pnpm bench`: one step on a 1024×1024 float32
 * weight with a fixed gradient. TensorFlow.js has none of these optimizers, so their rows show
 * ours only (the wasm kernels and the TypeScript fallback); no tfjs re-implementation is timed.
 */
import { tensor } from '@descent/autograd';
import { AdEMAMix, Adafactor, LAMB, LARS, Muon, Prodigy, ScheduleFreeAdamW, ScheduleFreeSGD } from '@descent/optim';
import type { OptimizerLike } from '@descent/optim';

/** The optimizers timed, by the name used in the workload's `optimizer` field. */
export const BEYOND_OPTIMIZERS = ['Adafactor', 'Muon', 'LAMB', 'LARS', 'AdEMAMix', 'Prodigy', 'ScheduleFreeAdamW', 'ScheduleFreeSGD'] as const;
/** One of {@link BEYOND_OPTIMIZERS}. */
export type BeyondOptimizer = (typeof BEYOND_OPTIMIZERS)[number];

/** Uniform numbers in [-0.5, 0.5) (as workloads.ts's `random`; not imported, which would be an import cycle). */
function random(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}

/** Side of the square weight. */
export const OPTIMIZER_WEIGHT_SIDE = 1024;

function make(name: BeyondOptimizer, params: ReturnType<typeof tensor>[]): OptimizerLike {
  switch (name) {
    case 'Adafactor':
      return new Adafactor(params, { lr: 1e-2 });
    case 'Muon':
      return new Muon(params, { lr: 0.02 });
    case 'LAMB':
      return new LAMB(params, { lr: 1e-3, weightDecay: 0.01 });
    case 'LARS':
      return new LARS(params, { lr: 0.1, momentum: 0.9, weightDecay: 1e-4 });
    case 'AdEMAMix':
      return new AdEMAMix(params, { lr: 1e-3 });
    case 'Prodigy':
      return new Prodigy(params, { lr: 1 });
    case 'ScheduleFreeAdamW': {
      const o = new ScheduleFreeAdamW(params, { lr: 1e-3 });
      o.train();
      return o;
    }
    case 'ScheduleFreeSGD': {
      const o = new ScheduleFreeSGD(params, { lr: 0.1 });
      o.train();
      return o;
    }
  }
}

/**
 * One step of `name` on a 1024×1024 float32 weight (the gradient is set once and kept).
 *
 * @example
 * const step = ourOptimizerStep('Muon'); step();
 */
export function ourOptimizerStep(name: BeyondOptimizer): () => void {
  const side = OPTIMIZER_WEIGHT_SIDE;
  const param = tensor(random(side * side)).reshape([side, side]).detach().requiresGrad_();
  param.grad = tensor(random(side * side)).reshape([side, side]).mul(1e-2);
  const optimizer = make(name, [param]);
  return () => void optimizer.step();
}
