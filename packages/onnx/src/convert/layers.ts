import { Dropout, Dropout2d, Embedding, Flatten, Identity, Linear } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { hintOf } from './types';
import type { ModuleConverter } from './types';

/** y = x Wᵀ + b: Gemm for a matrix, MatMul with the transposed weight for more dimensions. */
export const linear: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as Linear;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const w = ctx.param(m.weight, 'weight');
  const b = m.bias === null ? null : ctx.param(m.bias, 'bias');
  if (input!.ndim === 2)
    return g.node('Gemm', b === null ? [x as string, w] : [x as string, w, b], h, { transB: 1 });
  const wt = g.node('Transpose', [w], `${h}.weight_t`, { perm: [1, 0] });
  const xw = g.node('MatMul', [x as string, wt], b === null ? h : `${h}.matmul`);
  return b === null ? xw : g.node('Add', [xw, b], h);
};

/**
 * torch.flatten(start, end) as a Reshape: the leading dimensions are copied (0), the flattened run
 * is -1, the trailing ones keep the example's sizes. With the default dims it is ONNX's Flatten.
 */
const flatten: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as Flatten;
  const rank = input!.ndim;
  const start = m.startDim < 0 ? m.startDim + rank : m.startDim;
  const end = m.endDim < 0 ? m.endDim + rank : m.endDim;
  if (start === 1 && end === rank - 1)
    return ctx.graph.node('Flatten', [x as string], hintOf(ctx), { axis: 1 });
  const shape = [...Array.from({ length: start }, () => 0), -1, ...input!.shape.slice(end + 1)];
  return ctx.graph.node(
    'Reshape',
    [x as string, ctx.graph.int64s(shape, `${hintOf(ctx)}.shape`)],
    hintOf(ctx),
  );
};

/** Dropout is the identity outside training (the exporter traces in eval mode). */
const identity: ModuleConverter = (ctx, _m, [x]) =>
  ctx.graph.node('Identity', [x as string], hintOf(ctx));

/** A row of the table per index: Gather along axis 0. */
const embedding: ModuleConverter = (ctx, module, [x]) => {
  const m = module as Embedding;
  if ((m as unknown as { maxNorm?: number | null }).maxNorm != null)
    ctx.unsupported('Embedding', 'maxNorm renormalises the table in place');
  return ctx.graph.node('Gather', [ctx.param(m.weight, 'weight'), x as string], hintOf(ctx), {
    axis: 0,
  });
};

/** The converters of the basic layers, by class. */
export const LAYERS: ReadonlyArray<
  [abstract new (...args: never[]) => AnyModule, ModuleConverter]
> = [
  [Linear, linear],
  [Flatten, flatten],
  [Identity, identity],
  [Dropout, identity],
  [Dropout2d, identity],
  [Embedding, embedding],
];
