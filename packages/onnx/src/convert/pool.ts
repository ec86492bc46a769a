import {
  AdaptiveAvgPool2d,
  AdaptiveMaxPool2d,
  AvgPool1d,
  AvgPool2d,
  MaxPool1d,
  MaxPool2d,
} from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { expand, hintOf } from './types';
import type { ModuleConverter } from './types';

/** MaxPool1d/2d: ONNX MaxPool (the indices of `returnIndices` are not exported). */
const maxPool =
  (dims: number): ModuleConverter =>
  (ctx, module, [x]) => {
    const m = module as MaxPool2d<boolean>;
    if (m.returnIndices) ctx.unsupported(`${m.constructor.name}(return_indices=True)`);
    const padding = expand(m.padding, dims);
    return ctx.graph.node('MaxPool', [x as string], hintOf(ctx), {
      kernel_shape: expand(m.kernelSize, dims),
      strides: expand(m.stride, dims),
      pads: [...padding, ...padding],
      dilations: expand(m.dilation, dims),
      ceil_mode: m.ceilMode ? 1 : 0,
    });
  };

/** AvgPool1d/2d: ONNX AveragePool (`divisorOverride` has no ONNX counterpart). */
const avgPool =
  (dims: number): ModuleConverter =>
  (ctx, module, [x]) => {
    const m = module as AvgPool2d;
    const o = m.options;
    if (o.divisorOverride !== undefined) ctx.unsupported('AvgPool2d(divisor_override)');
    const padding = expand(o.padding ?? 0, dims);
    return ctx.graph.node('AveragePool', [x as string], hintOf(ctx), {
      kernel_shape: expand(m.kernelSize, dims),
      strides: expand(o.stride ?? m.kernelSize, dims),
      pads: [...padding, ...padding],
      ceil_mode: o.ceilMode === true ? 1 : 0,
      count_include_pad: o.countIncludePad === false ? 0 : 1,
    });
  };

/**
 * Adaptive pooling to a size that divides the input's: a plain pool with kernel = stride =
 * input / output (what adaptive pooling computes then); output 1×1 is the global pool.
 */
const adaptive =
  (kind: 'Average' | 'Max'): ModuleConverter =>
  (ctx, module, [x], [input]) => {
    const m = module as AdaptiveAvgPool2d;
    const size = typeof m.outputSize === 'number' ? [m.outputSize, m.outputSize] : m.outputSize;
    const spatial = input!.shape.slice(-2);
    const out = size.map((s, i) => s ?? (spatial[i] as number));
    if (out.every((s) => s === 1))
      return ctx.graph.node(`Global${kind}Pool`, [x as string], hintOf(ctx));
    if (out.some((s, i) => (spatial[i] as number) % s !== 0)) {
      ctx.unsupported(
        `${m.constructor.name}`,
        `output size ${out.join('x')} does not divide the input size ${spatial.join('x')}`,
      );
    }
    const kernel = out.map((s, i) => (spatial[i] as number) / s);
    return ctx.graph.node(`${kind}Pool`, [x as string], hintOf(ctx), {
      kernel_shape: kernel,
      strides: kernel,
    });
  };

/** The converters of the pooling layers, by class. */
export const POOLS: ReadonlyArray<[abstract new (...args: never[]) => AnyModule, ModuleConverter]> =
  [
    [MaxPool1d, maxPool(1)],
    [MaxPool2d, maxPool(2)],
    [AvgPool1d, avgPool(1)],
    [AvgPool2d, avgPool(2)],
    [AdaptiveAvgPool2d, adaptive('Average')],
    [AdaptiveMaxPool2d, adaptive('Max')],
  ];
