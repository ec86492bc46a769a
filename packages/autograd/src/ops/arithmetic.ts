/**
 * Binary arithmetic with broadcasting: each forward call and its backward rule side by side.
 * A number operand gets no edge; node names are PyTorch 1.13's (a Python scalar is wrapped as a
 * tensor there, so `x.mul(2)` is `MulBackward0` too). Rules that need only an input's shape and
 * dtype capture `metaOf(input)`, not the input, so nothing but the listed saved tensors outlives
 * the forward pass.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import type { DivOptions } from '@descent/tensor';
import { isGradTensor, needsGrad, record } from '../node';
import { filled } from '../filled';
import { metaOf, sumTo, sumToShape } from '../sum-to-shape';
import type { Tensor } from '../tensor';

type Operand = BaseTensor | number;
const base = BaseTensor.prototype;

/** `a + b`; ∂/∂a = g, ∂/∂b = g (each summed to its input's shape). */
export function add(a: Tensor, b: Operand): Tensor {
  const out = base.add.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  if (typeof b === 'number') return numberOperand(out, 'AddBackward0', a);
  const ma = metaOf(a);
  const mb = metaOf(b);
  return record(out, 'AddBackward0', [a, b], (g) => [sumToShape(g, ma), sumToShape(g, mb)]);
}

/** `a − b`; ∂/∂a = g, ∂/∂b = −g. */
export function sub(a: Tensor, b: Operand): Tensor {
  const out = base.sub.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  if (typeof b === 'number') return numberOperand(out, 'SubBackward0', a);
  const ma = metaOf(a);
  const mb = metaOf(b);
  return record(out, 'SubBackward0', [a, b], (g) => [sumToShape(g, ma), sumToShape(g.neg(), mb)]);
}

/** `a · b`; ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(a: Tensor, b: Operand): Tensor {
  const out = base.mul.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  if (typeof b === 'number') return scaled(out, 'MulBackward0', a, b, false);
  return record(
    out,
    'MulBackward0',
    [a, b],
    (g) => [
      a.requiresGrad ? sumToShape(g.mul(b), a) : null,
      isGrad(b) ? sumToShape(g.mul(a), b) : null,
    ],
    [a, b],
  );
}

/**
 * The rule of `a · c` or `a / c` for a number c: ∂/∂a = g·c or g / c. A function of its own, so
 * the rule's scope holds only a's shape and dtype (closures of one function share their scope in
 * V8, and the tensor-operand rule beside it reads `a`).
 */
function scaled(out: Tensor, name: string, a: Tensor, c: number, divide: boolean): Tensor {
  const shape = a.shape;
  const dtype = a.dtype;
  // No tensor to save, but PyTorch saves the number as a wrapped tensor and frees it after
  // backward, so a second pass raises there: an empty saved list makes the engine free this rule too.
  return record(out, name, [a], (g) => [sumTo(divide ? g.div(c) : g.mul(c), shape, dtype)], NOTHING_SAVED);
}

/**
 * The rule of `a + c` or `a − c` for a number c: ∂/∂a = g. Its scope holds only a's shape and
 * dtype (no per-op meta object: issue #23).
 */
function numberOperand(out: Tensor, name: string, a: Tensor): Tensor {
  const shape = a.shape;
  const dtype = a.dtype;
  return record(out, name, [a], (g) => [sumTo(g, shape, dtype)]);
}

/** The saved list of a rule that saves only a number (shared: the engine never writes into it). */
const NOTHING_SAVED: readonly BaseTensor[] = [];

/** `a / b`; ∂/∂a = g / b, ∂/∂b = −g·a / b². */
export function div(a: Tensor, b: Operand, options?: DivOptions): Tensor {
  const out = base.div.call(a, b, options) as Tensor;
  if (!needsGrad(a, b)) return out;
  if ((options?.roundingMode ?? null) !== null) return roundedDiv(out, a, b);
  if (typeof b === 'number') return scaled(out, 'DivBackward0', a, b, true);
  return record(
    out,
    'DivBackward0',
    [a, b],
    (g) => [
      a.requiresGrad ? sumToShape(g.div(b), a) : null,
      isGrad(b) ? sumToShape(g.neg().mul(a).div(b.mul(b)), b) : null,
    ],
    [a, b],
  );
}

/** A rounding division is piecewise constant: zero gradients, as PyTorch's DivBackward2/3. */
function roundedDiv(out: Tensor, a: Tensor, b: Operand): Tensor {
  const ma = metaOf(a);
  if (typeof b === 'number') return record(out, 'DivBackward3', [a], () => [filled(ma.shape, ma.dtype, 0, ma.device)]);
  const mb = metaOf(b);
  return record(out, 'DivBackward2', [a, b], () => [filled(ma.shape, ma.dtype, 0, ma.device), filled(mb.shape, mb.dtype, 0, mb.device)]);
}

/**
 * `a ** e`; ∂/∂a = g·e·a^(e−1) (0 where e = 0), ∂/∂e = g·a^e·ln a, taken as 0 where a = 0 and
 * e ≥ 0 (PyTorch's `pow_backward_exponent`, which avoids 0·(−inf)).
 */
export function pow(a: Tensor, e: Operand): Tensor {
  const out = base.pow.call(a, e) as Tensor;
  if (!needsGrad(a, e)) return out;
  if (typeof e === 'number') {
    return record(
      out,
      'PowBackward0',
      [a],
      (g) => [e === 0 ? filled(g.shape, g.dtype, 0, g.device) : sumToShape(g.mul(a.pow(e - 1).mul(e)), a)],
      [a],
    );
  }
  return record(
    out,
    'PowBackward1',
    [a, e],
    (g) => {
      const ga = a.requiresGrad
        ? sumToShape(g.mul(e.mul(a.pow(e.sub(1)))).where(e.ne(0), 0), a)
        : null;
      let ge: Tensor | null = null;
      if (isGrad(e)) {
        const zeroBase = a.eq(0).logicalAnd(e.ge(0));
        ge = sumToShape(g.mul(out.mul(a.log()).where(zeroBase.logicalNot(), 0)), e);
      }
      return [ga, ge];
    },
    [a, e, out],
  );
}

/** Element-wise maximum; the gradient goes to the larger input, split in half on ties (PyTorch). */
export function maximum(a: Tensor, b: BaseTensor): Tensor {
  return extremum(a, b, base.maximum.call(a, b) as Tensor, 'MaximumBackward0', 1);
}

/** Element-wise minimum; the gradient goes to the smaller input, split in half on ties (PyTorch). */
export function minimum(a: Tensor, b: BaseTensor): Tensor {
  return extremum(a, b, base.minimum.call(a, b) as Tensor, 'MinimumBackward0', -1);
}

function extremum(a: Tensor, b: BaseTensor, out: Tensor, name: string, sign: 1 | -1): Tensor {
  if (!needsGrad(a, b)) return out;
  return record(
    out,
    name,
    [a, b],
    (g) => {
      // weightA = 1 where a wins, ½ on a tie, 0 where b wins; weightB = 1 − weightA.
      const wins = sign === 1 ? a.gt(b) : a.lt(b);
      const weightA = wins.to(g.dtype).add(a.eq(b).to(g.dtype).mul(0.5));
      return [
        a.requiresGrad ? sumToShape(g.mul(weightA), a) : null,
        isGrad(b) ? sumToShape(g.mul(weightA.neg().add(1)), b) : null,
      ];
    },
    [a, b],
  );
}

function isGrad(t: Operand): t is Tensor {
  return isGradTensor(t);
}
