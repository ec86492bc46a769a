import type { Tensor } from '@descent/autograd';
import { BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import type { ConvertContext } from '../graph';
import { hintOf } from './types';
import type { ModuleConverter } from './types';

/** (x - mean) / sqrt(var + eps) over `axes` (kept), with ReduceMean (axes as an attribute, opset ≤ 17). */
function standardize(
  ctx: ConvertContext,
  x: string,
  axes: number[],
  eps: number,
  dtype: string,
  h: string,
): string {
  const g = ctx.graph;
  const mean = g.node('ReduceMean', [x], `${h}.mean`, { axes, keepdims: 1 });
  const centered = g.node('Sub', [x, mean], `${h}.centered`);
  const variance = g.node(
    'ReduceMean',
    [g.node('Mul', [centered, centered], `${h}.sq`)],
    `${h}.var`,
    { axes, keepdims: 1 },
  );
  const std = g.node(
    'Sqrt',
    [g.node('Add', [variance, g.scalar(eps, dtype, `${h}.eps`)], `${h}.var_eps`)],
    `${h}.std`,
  );
  return g.node('Div', [centered, std], `${h}.normalized`);
}

/** A per-channel tensor reshaped to broadcast over the trailing `trailing` dimensions. */
function perChannel(ctx: ConvertContext, t: Tensor, name: string, trailing: number): string {
  const source = ctx.param(t, name);
  if (trailing === 0) return source;
  const shape = [t.shape[0] as number, ...Array.from({ length: trailing }, () => 1)];
  return ctx.graph.node(
    'Reshape',
    [source, ctx.graph.int64s(shape, `${hintOf(ctx)}.${name}_shape`)],
    `${hintOf(ctx)}.${name}_broadcast`,
  );
}

/** Eval-mode batch norm with the running statistics: ONNX BatchNormalization. */
const batchNorm: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as BatchNorm2d;
  const mean = (m as unknown as { running_mean: Tensor | null }).running_mean;
  const variance = (m as unknown as { running_var: Tensor | null }).running_var;
  if (mean === null || variance === null)
    return ctx.unsupported(
      m.constructor.name,
      'track_running_stats=False normalises with the batch statistics in eval mode',
    );
  const g = ctx.graph;
  const dtype = input!.dtype;
  const scale =
    m.weight === null
      ? g.floats(
          Array.from({ length: m.numFeatures }, () => 1),
          [m.numFeatures],
          `${hintOf(ctx)}.ones`,
          dtype,
        )
      : ctx.param(m.weight, 'weight');
  const bias =
    m.bias === null
      ? g.floats(
          Array.from({ length: m.numFeatures }, () => 0),
          [m.numFeatures],
          `${hintOf(ctx)}.zeros`,
          dtype,
        )
      : ctx.param(m.bias, 'bias');
  return g.node(
    'BatchNormalization',
    [x as string, scale, bias, ctx.param(mean, 'running_mean'), ctx.param(variance, 'running_var')],
    hintOf(ctx),
    {
      epsilon: { float: m.eps },
    },
  );
};

/** LayerNormalization (opset 17), or its ReduceMean decomposition for earlier opsets. */
export const layerNorm: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as LayerNorm;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const k = m.normalizedShape.length;
  const dtype = input!.dtype;
  if (g.opset >= 17) {
    const count = m.normalizedShape.reduce((a, b) => a * b, 1);
    const scale =
      m.weight === null
        ? g.floats(
            Array.from({ length: count }, () => 1),
            m.normalizedShape,
            `${h}.ones`,
            dtype,
          )
        : ctx.param(m.weight, 'weight');
    const inputs = [x as string, scale];
    if (m.bias !== null) inputs.push(ctx.param(m.bias, 'bias'));
    return g.node('LayerNormalization', inputs, h, { axis: -k, epsilon: { float: m.eps } });
  }
  const axes = Array.from({ length: k }, (_, i) => i - k);
  let y = standardize(ctx, x as string, axes, m.eps, dtype, h);
  if (m.weight !== null)
    y = g.node('Mul', [y, ctx.param(m.weight, 'weight')], m.bias === null ? h : `${h}.scaled`);
  if (m.bias !== null) y = g.node('Add', [y, ctx.param(m.bias, 'bias')], h);
  return y;
};

/** GroupNorm: standardize each [N, G, C/G·spatial] group, reshape back, then the per-channel affine. */
const groupNorm: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as GroupNorm;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const grouped = g.node(
    'Reshape',
    [x as string, g.int64s([0, m.numGroups, -1], `${h}.group_shape`)],
    `${h}.grouped`,
  );
  const normalized = standardize(ctx, grouped, [2], m.eps, input!.dtype, h);
  let y = g.node(
    'Reshape',
    [normalized, g.node('Shape', [x as string], `${h}.shape`)],
    m.weight === null && m.bias === null ? h : `${h}.ungrouped`,
  );
  const trailing = input!.ndim - 2;
  if (m.weight !== null)
    y = g.node(
      'Mul',
      [y, perChannel(ctx, m.weight, 'weight', trailing)],
      m.bias === null ? h : `${h}.scaled`,
    );
  if (m.bias !== null) y = g.node('Add', [y, perChannel(ctx, m.bias, 'bias', trailing)], h);
  return y;
};

/** The converters of the normalization layers, by class. */
export const NORMS: ReadonlyArray<[abstract new (...args: never[]) => AnyModule, ModuleConverter]> =
  [
    [BatchNorm1d, batchNorm],
    [BatchNorm2d, batchNorm],
    [LayerNorm, layerNorm],
    [GroupNorm, groupNorm],
  ];
