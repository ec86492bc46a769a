/**
 * The two entry points of the engine: `backward` (accumulate into `.grad`, torch.autograd.backward)
 * and `grad` (return the gradients, torch.autograd.grad).
 */
import type { Tensor as BaseTensor } from '@descent/tensor';
import { runBackward, runBackwardAsync } from './engine';
import { filled } from './filled';
import { asGrad } from './tensor';
import type { Tensor } from './tensor';

/** Options of `Tensor.backward`. */
export interface BackwardOptions {
  /** Keep the saved tensors so the graph can be differentiated again. Default `createGraph`. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order derivatives. Default false. */
  createGraph?: boolean;
}

/** Options of {@link grad}. */
export interface GradOptions extends BackwardOptions {
  /** The gradient of each output; may be omitted for outputs with one element. */
  gradOutputs?: ReadonlyArray<BaseTensor | null> | BaseTensor | null;
  /** Return `null` for inputs the outputs do not depend on, instead of throwing. Default false. */
  allowUnused?: boolean;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks the outputs and builds the seed gradient of each (ones for one-element outputs). */
function seeds(
  outputs: readonly Tensor[],
  given: ReadonlyArray<BaseTensor | null>,
  made: Tensor[] | null = null,
): Tensor[] {
  if (given.length !== outputs.length) {
    throw new RangeError(
      `grad_tensors: expected ${outputs.length} gradients (one per output), got ${given.length}`,
    );
  }
  const result: Tensor[] = [];
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i] as Tensor;
    if (!out.requiresGrad)
      throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = given[i];
    if (g === null || g === undefined) {
      if (out.numel() !== 1)
        throw new Error('grad can be implicitly created only for scalar outputs');
      const seed = filled(out.shape, out.dtype, 1, out.device);
      made?.push(seed);
      result.push(seed);
    } else {
      if (!sameShape(g.shape, out.shape)) {
        throw new RangeError(
          `Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${g.shape.join(', ')}]) and output[${i}] has a shape of torch.Size([${out.shape.join(', ')}]).`,
        );
      }
      result.push(asGrad(g).to(out.dtype));
    }
  }
  return result;
}

/** @internal `Tensor.backward` for several outputs at once (torch.autograd.backward). */
export function backward(
  outputs: readonly Tensor[],
  gradients: ReadonlyArray<BaseTensor | null>,
  options: BackwardOptions = {},
): void {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  // The ones made here are the pass's own: a plain pass recycles them with its gradients.
  const madeSeeds: Tensor[] = [];
  const seedGrads = seeds(outputs, gradients, madeSeeds);
  runBackward(outputs, seedGrads, { retainGraph, createGraph, inputs: null, madeSeeds });
}

/**
 * @internal `Tensor.backwardAsync` for several outputs: {@link backward} for graphs that copy a CPU
 * tensor requiring grad to 'webgpu', whose gradient is read back from the GPU asynchronously.
 */
export async function backwardAsync(
  outputs: readonly Tensor[],
  gradients: ReadonlyArray<BaseTensor | null>,
  options: BackwardOptions = {},
): Promise<void> {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const madeSeeds: Tensor[] = [];
  const seedGrads = seeds(outputs, gradients, madeSeeds);
  await runBackwardAsync(outputs, seedGrads, { retainGraph, createGraph, inputs: null, madeSeeds });
}

/**
 * Computes and returns the gradients of `outputs` with respect to `inputs` without touching any
 * `.grad` (torch.autograd.grad). Options: `gradOutputs` (default: ones for one-element outputs),
 * `retainGraph` (default `createGraph`), `createGraph` (default false: set it for higher-order
 * derivatives), `allowUnused` (default false).
 *
 * @example
 * const x = tensor(2, { dtype: 'float64', requiresGrad: true });
 * const [dy] = grad(x.pow(3), [x], { createGraph: true }); // 3x² = 12
 * const [d2y] = grad(dy!, [x]); // 6x = 12
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions = {},
): Array<Tensor | null> {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
  const given = options.gradOutputs;
  const gradOutputs: ReadonlyArray<BaseTensor | null> =
    given === undefined || given === null
      ? outs.map(() => null)
      : Array.isArray(given)
        ? given
        : [given as BaseTensor];
  for (const input of ins) {
    if (!input.requiresGrad)
      throw new Error('One of the differentiated Tensors does not require grad');
  }
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seedGrads = seeds(outs, gradOutputs);
  const results = runBackward(outs, seedGrads, {
    retainGraph,
    createGraph,
    inputs: ins,
  }) as Array<Tensor | null>;
  for (let i = 0; i < ins.length; i++) {
    if (results[i] === null) {
      if (!(options.allowUnused ?? false)) {
        throw new Error(
          'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
        );
      }
    } else if (!createGraph) {
      results[i] = (results[i] as Tensor).detach();
    }
  }
  return results;
}
