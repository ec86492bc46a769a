import type { Tensor } from '@descent/autograd';
import type { GraphBuilder } from '../graph';

/** How a recorded tensor method is written: `self` is the receiver's ONNX name. */
export interface OpCall {
  graph: GraphBuilder;
  self: string;
  selfTensor: Tensor;
  args: unknown[];
  out: Tensor;
  /** The ONNX name of a tensor operand (traced, a parameter, or a constant). */
  operand: (t: Tensor) => string;
  hint: string;
}

/** Writes one tensor method call; returns the output's ONNX name. */
export type OpConverter = (call: OpCall) => string;

const isTensorLike = (v: unknown): v is Tensor =>
  typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v;

/** A binary element-wise op with a tensor or a number. */
const binary =
  (op: string): OpConverter =>
  ({ graph, self, selfTensor, args, operand, hint }) => {
    const other = args[0];
    const right = isTensorLike(other)
      ? operand(other)
      : graph.scalar(Number(other), selfTensor.dtype, `${hint}.scalar`);
    return graph.node(op, [self, right], hint);
  };

const unary =
  (op: string): OpConverter =>
  ({ graph, self, hint }) =>
    graph.node(op, [self], hint);

const axisOf = (dim: unknown, rank: number): number => {
  const d = Number(dim);
  return d < 0 ? d + rank : d;
};

/** The dims of a varargs-or-array argument list (`permute(0, 2, 1)` or `permute([0, 2, 1])`). */
function intList(args: unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as unknown[]).map(Number);
  return args.map(Number);
}

/**
 * A reshape to the shape Descent computed. A target dimension equal to the input's at the same
 * position is copied (0) rather than fixed, so a dynamic batch dimension stays dynamic.
 */
const reshape: OpConverter = ({ graph, self, selfTensor, out, hint }) => {
  const target = out.shape.map((s, i) =>
    i < selfTensor.ndim && selfTensor.shape[i] === s ? 0 : s,
  );
  const free = target.filter((s) => s !== 0).length;
  // One non-copied dimension can be inferred (-1), which keeps e.g. [N, C·H·W] valid for any N.
  const shape = free === 1 ? target.map((s) => (s === 0 ? 0 : -1)) : target;
  return graph.node('Reshape', [self, graph.int64s(shape, `${hint}.shape`)], hint);
};

function reduce(op: 'ReduceMean' | 'ReduceSum'): OpConverter {
  return ({ graph, self, selfTensor, args, hint }) => {
    const rank = selfTensor.ndim;
    const dims =
      args[0] === undefined || args[0] === null
        ? Array.from({ length: rank }, (_, i) => i)
        : (Array.isArray(args[0]) ? (args[0] as unknown[]) : [args[0]]).map((d) => axisOf(d, rank));
    const keepdims = args[1] === true ? 1 : 0;
    if (op === 'ReduceSum')
      return graph.node(op, [self, graph.int64s(dims, `${hint}.axes`)], hint, { keepdims });
    return graph.node(op, [self], hint, { axes: dims, keepdims });
  };
}

/** The tensor methods a custom forward may call on traced tensors, by method name. */
export const OPS: Readonly<Record<string, OpConverter>> = {
  add: binary('Add'),
  sub: binary('Sub'),
  mul: binary('Mul'),
  div: binary('Div'),
  matmul: binary('MatMul'),
  neg: unary('Neg'),
  relu: unary('Relu'),
  sigmoid: unary('Sigmoid'),
  tanh: unary('Tanh'),
  exp: unary('Exp'),
  log: unary('Log'),
  sqrt: unary('Sqrt'),
  abs: unary('Abs'),
  contiguous: unary('Identity'),
  clone: unary('Identity'),
  reshape,
  view: reshape,
  flatten: reshape,
  transpose: ({ graph, self, selfTensor, args, hint }) => {
    const rank = selfTensor.ndim;
    const perm = Array.from({ length: rank }, (_, i) => i);
    const a = axisOf(args[0], rank);
    const b = axisOf(args[1], rank);
    perm[a] = b;
    perm[b] = a;
    return graph.node('Transpose', [self], hint, { perm });
  },
  permute: ({ graph, self, selfTensor, args, hint }) =>
    graph.node('Transpose', [self], hint, {
      perm: intList(args).map((d) => axisOf(d, selfTensor.ndim)),
    }),
  unsqueeze: ({ graph, self, out, args, hint }) =>
    graph.node(
      'Unsqueeze',
      [self, graph.int64s([axisOf(args[0], out.ndim)], `${hint}.axes`)],
      hint,
    ),
  softmax: ({ graph, self, selfTensor, args, hint }) =>
    graph.node('Softmax', [self], hint, { axis: axisOf(args[0], selfTensor.ndim) }),
  logSoftmax: ({ graph, self, selfTensor, args, hint }) =>
    graph.node('LogSoftmax', [self], hint, { axis: axisOf(args[0], selfTensor.ndim) }),
  mean: reduce('ReduceMean'),
  sum: reduce('ReduceSum'),
};
