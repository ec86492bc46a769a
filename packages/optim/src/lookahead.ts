/**
 * Lookahead (Zhang, Lucas, Hinton & Ba 2019, "Lookahead Optimizer: k steps forward, 1 step back",
 * https://arxiv.org/abs/1907.08610), as the authors' PyTorch wrapper (michaelrzhang/lookahead).
 *
 *   inputs: an inner optimizer, k steps, α alpha
 *   state: φ (slowParams) = θ for every parameter, at construction; a step counter
 *   each step: the inner optimizer steps (θ are the fast weights)
 *     every k-th step:  φ ← φ + α·(θ − φ) = α·θ + (1 − α)·φ;   θ ← φ
 *
 * The slow weights φ are the ones to evaluate between synchronisations (`slowParams`).
 */
import { scopeRoot } from '@descent/tensor';
import { noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { pyNumber } from './checks';
import type { OptimizerLike, OptimizerStateDict, ParamState } from './optimizer';

/** Options of {@link Lookahead}. */
export interface LookaheadOptions {
  /** k: inner steps between synchronisations. Default 5. */
  k?: number;
  /** α: how far the slow weights move toward the fast ones. Default 0.5. */
  alpha?: number;
}

/** Lookahead's state dict: the inner optimizer's, plus the slow weights and the step counter. */
export interface LookaheadStateDict extends OptimizerStateDict {
  lookahead: { step: number; slowParams: Record<number, Tensor> };
}

/**
 * Lookahead: wraps any optimizer; every k steps the weights go back part of the way.
 *
 * @example
 * const opt = new Lookahead(new Adam(model.parameters(), { lr: 1e-3 }), { k: 5, alpha: 0.5 });
 */
export class Lookahead implements OptimizerLike {
  /** The wrapped optimizer. */
  readonly optimizer: OptimizerLike;
  /** k and α. */
  readonly k: number;
  readonly alpha: number;
  /** Per-parameter state: `slowParams` (φ). */
  readonly state = new Map<Tensor, ParamState>();
  private laStep = 0;

  constructor(optimizer: OptimizerLike, options: LookaheadOptions = {}) {
    scopeRoot(this);
    for (const key of Object.keys(options)) {
      if (key !== 'k' && key !== 'alpha') throw new TypeError(`Lookahead: unknown option ${key}; the options are k, alpha`);
    }
    const { k = 5, alpha = 0.5 } = options;
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`Invalid lookahead steps: ${pyNumber(k)}`);
    if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`Invalid slow update rate: ${pyNumber(alpha)}`);
    this.optimizer = optimizer;
    this.k = k;
    this.alpha = alpha;
    noGrad(() => {
      for (const p of this.params()) this.state.set(p, { slowParams: p.detach().clone() });
    });
  }

  /** The inner optimizer's parameter groups. */
  get paramGroups(): OptimizerLike['paramGroups'] {
    return this.optimizer.paramGroups;
  }

  private params(): Tensor[] {
    return this.optimizer.paramGroups.flatMap((g) => g.params);
  }

  /**
   * One inner step; every k-th also moves the slow weights and resets the fast ones to them.
   *
   * @example
   * opt.step();
   */
  step(closure?: () => number | Tensor): number | undefined {
    scopeRoot(this);
    const loss = this.optimizer.step(closure);
    this.laStep += 1;
    if (this.laStep >= this.k) {
      this.laStep = 0;
      noGrad(() => {
        for (const p of this.params()) {
          const slow = this.slow(p);
          p.data.mul_(this.alpha).add_(slow.mul(1 - this.alpha));
          slow.copy_(p.data);
        }
      });
    }
    return loss;
  }

  private slow(p: Tensor): Tensor {
    let state = this.state.get(p);
    // A group added to the inner optimizer after construction starts its slow weights now.
    if (state === undefined) {
      state = { slowParams: noGrad(() => p.detach().clone()) };
      this.state.set(p, state);
    }
    return state.slowParams as Tensor;
  }

  /**
   * Resets the inner optimizer's gradients.
   *
   * @example
   * opt.zeroGrad();
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    this.optimizer.zeroGrad(options);
  }

  /**
   * The inner optimizer's state dict with the slow weights (by parameter index) and the step count.
   *
   * @example
   * const saved = opt.stateDict();
   */
  stateDict(): LookaheadStateDict {
    const slowParams: Record<number, Tensor> = {};
    this.params().forEach((p, i) => (slowParams[i] = this.slow(p).clone()));
    return { ...this.optimizer.stateDict(), lookahead: { step: this.laStep, slowParams } };
  }

  /**
   * Restores a {@link stateDict}: the inner optimizer's part, then the slow weights (checked first).
   *
   * @example
   * opt.loadStateDict(saved);
   */
  loadStateDict(sd: LookaheadStateDict | OptimizerStateDict): void {
    scopeRoot(this);
    const params = this.params();
    const own = 'lookahead' in sd ? (sd).lookahead : null;
    if (own !== null) {
      if (!(Number.isInteger(own.step) && own.step >= 0 && own.step < this.k))
        throw new RangeError(`loaded state dict has lookahead step ${String(own.step)}, expected 0 to ${this.k - 1}`);
      for (const [key, t] of Object.entries(own.slowParams)) {
        const p = params[Number(key)];
        if (p === undefined) throw new RangeError(`loaded state dict has slowParams for parameter ${key}, which is in no group`);
        if (t.shape.join() !== p.shape.join())
          throw new RangeError(`loaded state dict has slowParams of shape [${t.shape.join(', ')}] for parameter ${key} of shape [${p.shape.join(', ')}]`);
      }
    }
    this.optimizer.loadStateDict({ state: sd.state, paramGroups: sd.paramGroups });
    if (own === null) return;
    this.laStep = own.step;
    noGrad(() => {
      for (const [key, t] of Object.entries(own.slowParams)) {
        const p = params[Number(key)] as Tensor;
        this.state.set(p, { slowParams: t.detach().to(p.dtype).clone() });
      }
    });
  }
}
