import {
  CELU,
  ELU,
  GELU,
  Hardsigmoid,
  Hardswish,
  Hardtanh,
  LeakyReLU,
  LogSigmoid,
  LogSoftmax,
  Mish,
  ReLU,
  ReLU6,
  SELU,
  SiLU,
  Sigmoid,
  Softmax,
  Softmin,
  Softplus,
  Softsign,
  Tanh,
} from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import type { ConvertContext } from '../graph';
import { hintOf } from './types';
import type { ModuleConverter } from './types';

/** A float attribute (ONNX distinguishes 1.0 from the integer 1). */
const f = (value: number): { float: number } => ({ float: value });

/** PyTorch's legacy implicit softmax dim (0 for 0-, 1- and 3-d inputs, else 1). */
function softmaxAxis(dim: number | undefined, rank: number): number {
  if (dim !== undefined) return dim < 0 ? dim + rank : dim;
  return rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
}

/** One ONNX op with the same name and no attributes. */
const same =
  (op: string): ModuleConverter =>
  (ctx, _m, [x]) =>
    ctx.graph.node(op, [x as string], hintOf(ctx));

function clip(ctx: ConvertContext, x: string, min: number, max: number, dtype: string): string {
  const g = ctx.graph;
  return g.node(
    'Clip',
    [x, g.scalar(min, dtype, `${ctx.path}.min`), g.scalar(max, dtype, `${ctx.path}.max`)],
    hintOf(ctx),
  );
}

/** gelu(x) = x·Φ(x), exact (Erf) or with PyTorch's tanh approximation. */
export const gelu: ModuleConverter = (ctx, module, [x], [input]) => {
  const g = ctx.graph;
  const xs = x as string;
  const dtype = input!.dtype;
  const hint = hintOf(ctx);
  const half = g.node('Mul', [xs, g.scalar(0.5, dtype, `${hint}.half`)], `${hint}.halfx`);
  let inner: string;
  if ((module as GELU).approximate === 'tanh') {
    const cube = g.node('Mul', [g.node('Mul', [xs, xs], `${hint}.x2`), xs], `${hint}.x3`);
    const poly = g.node(
      'Add',
      [xs, g.node('Mul', [cube, g.scalar(0.044715, dtype, `${hint}.c`)], `${hint}.cx3`)],
      `${hint}.poly`,
    );
    inner = g.node(
      'Tanh',
      [
        g.node(
          'Mul',
          [poly, g.scalar(Math.sqrt(2 / Math.PI), dtype, `${hint}.k`)],
          `${hint}.kpoly`,
        ),
      ],
      `${hint}.tanh`,
    );
  } else {
    inner = g.node(
      'Erf',
      [g.node('Div', [xs, g.scalar(Math.SQRT2, dtype, `${hint}.sqrt2`)], `${hint}.scaled`)],
      `${hint}.erf`,
    );
  }
  return g.node(
    'Mul',
    [half, g.node('Add', [inner, g.scalar(1, dtype, `${hint}.one`)], `${hint}.cdf2`)],
    hint,
  );
};

/** softplus(βx)/β; PyTorch's linear region above `threshold` differs by under e^-threshold. */
function softplus(
  ctx: ConvertContext,
  x: string,
  beta: number,
  dtype: string,
  hint: string,
): string {
  const g = ctx.graph;
  if (beta === 1) return g.node('Softplus', [x], hint);
  const b = g.scalar(beta, dtype, `${hint}.beta`);
  return g.node(
    'Div',
    [g.node('Softplus', [g.node('Mul', [x, b], `${hint}.bx`)], `${hint}.sp`), b],
    hint,
  );
}

/** The converters of the activation layers, by class. */
export const ACTIVATIONS: ReadonlyArray<
  [abstract new (...args: never[]) => AnyModule, ModuleConverter]
> = [
  [ReLU, same('Relu')],
  [Sigmoid, same('Sigmoid')],
  [Tanh, same('Tanh')],
  [Softsign, same('Softsign')],
  [
    LeakyReLU,
    (ctx, m, [x]) =>
      ctx.graph.node('LeakyRelu', [x as string], hintOf(ctx), {
        alpha: f((m as LeakyReLU).negativeSlope),
      }),
  ],
  [
    ELU,
    (ctx, m, [x]) =>
      ctx.graph.node('Elu', [x as string], hintOf(ctx), { alpha: f((m as ELU).alpha) }),
  ],
  [
    CELU,
    (ctx, m, [x]) =>
      ctx.graph.node('Celu', [x as string], hintOf(ctx), { alpha: f((m as CELU).alpha) }),
  ],
  [
    SELU,
    (ctx, _m, [x]) =>
      ctx.graph.node('Selu', [x as string], hintOf(ctx), {
        alpha: f(1.6732632423543772),
        gamma: f(1.0507009873554805),
      }),
  ],
  [GELU, gelu],
  [
    Softmax,
    (ctx, m, [x], [t]) =>
      ctx.graph.node('Softmax', [x as string], hintOf(ctx), {
        axis: softmaxAxis((m as Softmax).dim, t!.ndim),
      }),
  ],
  [
    LogSoftmax,
    (ctx, m, [x], [t]) =>
      ctx.graph.node('LogSoftmax', [x as string], hintOf(ctx), {
        axis: softmaxAxis((m as LogSoftmax).dim, t!.ndim),
      }),
  ],
  [
    Softmin,
    (ctx, m, [x], [t]) =>
      ctx.graph.node(
        'Softmax',
        [ctx.graph.node('Neg', [x as string], `${hintOf(ctx)}.neg`)],
        hintOf(ctx),
        { axis: softmaxAxis((m as Softmin).dim, t!.ndim) },
      ),
  ],
  [
    SiLU,
    (ctx, _m, [x]) =>
      ctx.graph.node(
        'Mul',
        [x as string, ctx.graph.node('Sigmoid', [x as string], `${hintOf(ctx)}.sigmoid`)],
        hintOf(ctx),
      ),
  ],
  [
    Mish,
    (ctx, _m, [x], [t]) => {
      const h = hintOf(ctx);
      const tanh = ctx.graph.node(
        'Tanh',
        [softplus(ctx, x as string, 1, t!.dtype, `${h}.softplus`)],
        `${h}.tanh`,
      );
      return ctx.graph.node('Mul', [x as string, tanh], h);
    },
  ],
  [
    Softplus,
    (ctx, m, [x], [t]) => softplus(ctx, x as string, (m as Softplus).beta, t!.dtype, hintOf(ctx)),
  ],
  [
    Hardtanh,
    (ctx, m, [x], [t]) =>
      clip(ctx, x as string, (m as Hardtanh).minVal, (m as Hardtanh).maxVal, t!.dtype),
  ],
  [ReLU6, (ctx, _m, [x], [t]) => clip(ctx, x as string, 0, 6, t!.dtype)],
  [
    Hardsigmoid,
    (ctx, _m, [x]) =>
      ctx.graph.node('HardSigmoid', [x as string], hintOf(ctx), { alpha: f(1 / 6), beta: f(0.5) }),
  ],
  [
    Hardswish,
    (ctx, _m, [x]) => {
      const hs = ctx.graph.node('HardSigmoid', [x as string], `${hintOf(ctx)}.hardsigmoid`, {
        alpha: f(1 / 6),
        beta: f(0.5),
      });
      return ctx.graph.node('Mul', [x as string, hs], hintOf(ctx));
    },
  ],
  [
    LogSigmoid,
    (ctx, _m, [x]) => {
      const h = hintOf(ctx);
      const sp = ctx.graph.node(
        'Softplus',
        [ctx.graph.node('Neg', [x as string], `${h}.neg`)],
        `${h}.softplus`,
      );
      return ctx.graph.node('Neg', [sp], h);
    },
  ],
];
