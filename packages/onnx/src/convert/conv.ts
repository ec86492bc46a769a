import { Conv1d, Conv2d, ConvTranspose2d } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { hintOf } from './types';
import type { ModuleConverter } from './types';

/** Conv1d/Conv2d: ONNX Conv; reflect and replicate padding become a Pad node before it. */
const conv: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as Conv2d;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const dims = m.kernelSize.length;
  let begin: number[];
  let end: number[];
  if (m.padding === 'valid') {
    begin = Array.from({ length: dims }, () => 0);
    end = [...begin];
  } else if (m.padding === 'same') {
    // PyTorch's 'same': the total d·(k-1) split with the smaller half first.
    const total = m.kernelSize.map((k, i) => (m.dilation[i] as number) * (k - 1));
    begin = total.map((t) => Math.floor(t / 2));
    end = total.map((t, i) => t - (begin[i] as number));
  } else {
    begin = [...m.padding];
    end = [...m.padding];
  }
  let source = x as string;
  if (m.paddingMode !== 'zeros') {
    const mode =
      m.paddingMode === 'reflect' ? 'reflect' : m.paddingMode === 'replicate' ? 'edge' : null;
    if (mode === null) return ctx.unsupported(`${m.constructor.name}(padding_mode='circular')`);
    const rank = input!.ndim;
    const lead = Array.from({ length: rank - dims }, () => 0);
    const pads = g.int64s([...lead, ...begin, ...lead, ...end], `${h}.pads`);
    source = g.node('Pad', [source, pads], `${h}.padded`, { mode });
    begin = begin.map(() => 0);
    end = end.map(() => 0);
  }
  const inputs = [source, ctx.param(m.weight, 'weight')];
  if (m.bias !== null) inputs.push(ctx.param(m.bias, 'bias'));
  return g.node('Conv', inputs, h, {
    kernel_shape: m.kernelSize,
    strides: m.stride,
    dilations: m.dilation,
    pads: [...begin, ...end],
    group: m.groups,
  });
};

/** ConvTranspose2d: ONNX ConvTranspose (the weight layout [in, out/groups, kh, kw] is the same). */
const convTranspose: ModuleConverter = (ctx, module, [x]) => {
  const m = module as ConvTranspose2d;
  const inputs = [x as string, ctx.param(m.weight, 'weight')];
  if (m.bias !== null) inputs.push(ctx.param(m.bias, 'bias'));
  return ctx.graph.node('ConvTranspose', inputs, hintOf(ctx), {
    kernel_shape: m.kernelSize,
    strides: m.stride,
    dilations: m.dilation,
    pads: [...m.padding, ...m.padding],
    output_padding: m.outputPadding,
    group: m.groups,
  });
};

/** The converters of the convolution layers, by class. */
export const CONVOLUTIONS: ReadonlyArray<
  [abstract new (...args: never[]) => AnyModule, ModuleConverter]
> = [
  [Conv1d, conv],
  [Conv2d, conv],
  [ConvTranspose2d, convTranspose],
];
