/**
 * The handful of tfjs gradients the benchmark needs. `@tensorflow/tfjs-core` registers its
 * gradients only through `dist/register_all_gradients`, whose extensionless imports Node's ESM
 * loader rejects (the full `@tensorflow/tfjs` package, which loads it, is not a dependency), so
 * the same rules are registered here through tfjs's public `registerGradient`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

/** Sums `dy` over the axes along which `shape` was broadcast. */
function reduceTo(dy: Tensor, shape: readonly number[]): Tensor {
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < dy.rank; d++)
    if (d < lead || (shape[d - lead] === 1 && dy.shape[d] !== 1)) axes.push(d);
  return axes.length > 0 ? tf.reshape(tf.sum(dy, axes), [...shape]) : dy;
}

export function registerBenchGradients(): void {
  tf.registerGradient({
    kernelName: 'Add',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      return {
        a: () => reduceTo(dy as Tensor, a!.shape),
        b: () => reduceTo(dy as Tensor, b!.shape),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'Multiply',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      return {
        a: () => reduceTo(tf.mul(dy as Tensor, b!), a!.shape),
        b: () => reduceTo(tf.mul(dy as Tensor, a!), b!.shape),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'RealDiv',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      return {
        a: () => reduceTo(tf.div(dy as Tensor, b!), a!.shape),
        b: () => reduceTo(tf.neg(tf.div(tf.mul(dy as Tensor, a!), tf.square(b!))), b!.shape),
      };
    },
  });
  tf.registerGradient({ kernelName: 'Neg', gradFunc: (dy) => ({ x: () => tf.neg(dy as Tensor) }) });
  tf.registerGradient({
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const [x] = saved;
      const axes =
        attrs.axis === undefined || attrs.axis === null
          ? []
          : ([] as number[]).concat(attrs.axis as number | number[]);
      const all =
        axes.length === 0 ? x!.shape.map((_, i) => i) : axes.map((a) => (a < 0 ? a + x!.rank : a));
      const kept = x!.shape.map((s, i) => (all.includes(i) ? 1 : s));
      return { x: () => tf.mul(tf.reshape(dy as Tensor, kept), tf.onesLike(x!)) };
    },
  });
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => tf.mul(dy as Tensor, tf.cast(tf.step(x!), 'float32')) };
    },
  });
  tf.registerGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      // The rules of C = op(A)·op(B) for each transpose flag (the Transformer workload, which
      // shares this registry, multiplies with transposeB).
      const [a, b] = saved;
      const g = dy as Tensor;
      const ta = attrs.transposeA === true;
      const tb = attrs.transposeB === true;
      if (!ta && !tb) return { a: () => tf.matMul(g, b!, false, true), b: () => tf.matMul(a!, g, true, false) };
      if (!ta && tb) return { a: () => tf.matMul(g, b!, false, false), b: () => tf.matMul(g, a!, true, false) };
      if (ta && !tb) return { a: () => tf.matMul(b!, g, false, true), b: () => tf.matMul(a!, g, false, false) };
      return { a: () => tf.matMul(b!, g, true, true), b: () => tf.matMul(g, a!, true, true) };
    },
  });
}
