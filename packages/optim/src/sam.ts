/**
 * SAM, sharpness-aware minimisation (Foret et al. 2021, https://arxiv.org/abs/2010.01412; adaptive
 * ASAM: Kwon et al. 2021, https://arxiv.org/abs/2102.11600), as davda54/sam: wraps a base optimizer
 * and steps it with the gradient taken at the worst nearby point.
 *
 *   inputs: ρ rho, adaptive, a base optimizer built over SAM's groups
 *   each step(closure), with g = ∇L(θ) already computed by the caller:
 *     ‖ĝ‖ ← √Σ ‖T·g‖²  over every param of every group    (T = |θ| if adaptive, else 1)
 *     e ← ρ·T²·g / (‖ĝ‖ + 10⁻¹²);   θ ← θ + e             ("climb to the local maximum")
 *     zeroGrad; closure() computes g′ = ∇L(θ + e)
 *     θ ← θ − e (restored exactly);   the base optimizer steps with g′
 *
 * As the reference, the first gradient comes from the caller's own forward and backward before
 * `step(closure)`; the closure runs the second. ρ and adaptive may differ per group.
 */
import { enableGrad, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Optimizer } from './optimizer';
import { pyNumber } from './checks';
import { withDefaults } from './options';
import type { OptimizerLike, OptimizerStateDict, ParamGroup, ParamGroupInput, ParamsInput } from './optimizer';

/** Options of {@link SAM}. */
export interface SAMOptions {
  /** ρ: radius of the neighbourhood. Default 0.05. */
  rho?: number;
  /** ASAM: scale the neighbourhood by |θ|. Default false. */
  adaptive?: boolean;
}

type Filled = Required<SAMOptions>;

/** What SAM needs of its base optimizer: any optimizer that can also take new groups. */
export type SAMBaseOptimizer = OptimizerLike & { addParamGroup(group: ParamGroupInput<Filled>): void };

/** Builds the base optimizer over SAM's groups (which carry rho and adaptive beside the params). */
export type BaseOptimizerFactory = (params: ParamGroupInput<Filled>[]) => SAMBaseOptimizer;

/**
 * SAM: steps a base optimizer with gradients from a worst-case perturbation of radius ρ.
 *
 * @example
 * const opt = new SAM(model.parameters(), (groups) => new SGD(groups, { lr: 0.1, momentum: 0.9 }), { rho: 0.05 });
 * loss(model).backward();
 * opt.step(() => { const l = loss(model); l.backward(); return l; });
 */
export class SAM extends Optimizer<Filled> {
  /** The wrapped optimizer; SAM and it share the same group objects. */
  readonly baseOptimizer: SAMBaseOptimizer;

  /**
   * The closure's loss at the perturbed point in the last step (null before one): a number, or
   * the detached loss tensor. A loss on the GPU stays there — `step` then returns undefined rather
   * than reading it back; read it with `await opt.lastLoss.dataAsync()`.
   */
  lastLoss: number | Tensor | null = null;

  constructor(params: ParamsInput<Filled>, baseOptimizer: BaseOptimizerFactory, options: SAMOptions = {}) {
    super(params, checkSam(withDefaults<Filled>({ rho: 0.05, adaptive: false }, options, 'SAM')));
    this.baseOptimizer = baseOptimizer(this.paramGroups.map((g) => ({ ...g })));
    // As the reference: one list of groups, the base's, holding both optimizers' options.
    this.paramGroups.splice(0, this.paramGroups.length, ...(this.baseOptimizer.paramGroups as ParamGroup<Filled>[]));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkSam(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  /**
   * Adds a group to SAM and to the base optimizer.
   *
   * @example
   * opt.addParamGroup({ params: head.parameters(), rho: 0.1 });
   */
  override addParamGroup(group: ParamGroupInput<Filled>): void {
    // During construction the base optimizer does not exist yet: the base class collects groups.
    if ((this as { baseOptimizer?: SAMBaseOptimizer }).baseOptimizer === undefined) {
      super.addParamGroup(group);
      return;
    }
    const filled = { rho: this.defaults.rho, adaptive: this.defaults.adaptive, ...group };
    checkSam(filled as Filled);
    this.baseOptimizer.addParamGroup(filled);
    this.paramGroups.push(this.baseOptimizer.paramGroups[this.baseOptimizer.paramGroups.length - 1] as ParamGroup<Filled>);
  }

  /**
   * One SAM step: perturb, re-evaluate with `closure` (forward and backward), restore, step the base.
   * Returns the closure's loss (at the perturbed point).
   *
   * @example
   * opt.step(() => { const l = loss(model); l.backward(); return l; });
   */
  step(closure?: () => number | Tensor): number | undefined {
    if (closure === undefined) throw new Error('Sharpness Aware Minimization requires closure, but it was not provided');
    return this.withHooks(() => {
      const perturbed: [Tensor, Tensor][] = [];
      noGrad(() => {
        // On the GPU the norm and the scale stay 0-d tensors (no readback).
        const gradNorm = this.onGPU() ? this.gradNormTensor() : this.gradNorm();
        for (const group of this.paramGroups) {
          const scale = typeof gradNorm === 'number' ? group.rho / (gradNorm + 1e-12) : gradNorm.add(1e-12).reciprocal().mul(group.rho);
          for (const p of group.params) {
            if (p.grad === null) continue;
            const old = p.detach().clone();
            perturbed.push([p, old]);
            const e = group.adaptive ? p.detach().pow(2).mul(p.grad).mul(scale) : p.grad.mul(scale);
            p.data.add_(e);
          }
        }
      });
      this.zeroGrad();
      const value = enableGrad(closure);
      // A loss on the GPU is not read back: it is kept in lastLoss and step returns undefined.
      const onDevice = typeof value !== 'number' && value.storage.device !== 'cpu';
      this.lastLoss = typeof value === 'number' ? value : value.detach();
      const loss = typeof value === 'number' ? value : onDevice ? undefined : value.item();
      noGrad(() => {
        for (const [p, old] of perturbed) p.data.copy_(old);
      });
      this.baseOptimizer.step();
      return loss;
    });
  }

  /** Whether the parameters with a gradient are on the GPU. */
  private onGPU(): boolean {
    for (const group of this.paramGroups) for (const p of group.params) if (p.grad !== null) return p.storage.device !== 'cpu';
    return false;
  }

  /** {@link SAM.gradNorm} as a 0-d tensor on the parameters' device. */
  private gradNormTensor(): Tensor {
    let sum: Tensor | null = null;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        const t = group.adaptive ? p.detach().abs().mul(p.grad) : p.grad;
        const sq = t.square().sum();
        sum = sum === null ? sq : sum.add(sq);
      }
    }
    return (sum as Tensor).sqrt();
  }

  /** ‖(|θ| if adaptive) · g‖ over every parameter with a gradient. */
  private gradNorm(): number {
    let sum = 0;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        const t = group.adaptive ? p.detach().abs().mul(p.grad) : p.grad;
        const norm = t.norm().item();
        sum += norm * norm;
      }
    }
    return Math.sqrt(sum);
  }

  /**
   * The base optimizer's state dict (SAM keeps nothing between steps).
   *
   * @example
   * const saved = opt.stateDict();
   */
  override stateDict(): OptimizerStateDict {
    return this.baseOptimizer.stateDict();
  }

  /**
   * Restores the base optimizer from a {@link stateDict}.
   *
   * @example
   * opt.loadStateDict(saved);
   */
  override loadStateDict(sd: OptimizerStateDict): void {
    this.baseOptimizer.loadStateDict(sd);
  }
}

/** The reference's check, in PyTorch's words. */
function checkSam<T extends Filled>(o: T): T {
  if (!(o.rho >= 0)) throw new RangeError(`Invalid rho, should be non-negative: ${pyNumber(o.rho)}`);
  return o;
}
