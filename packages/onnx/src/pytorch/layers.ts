import { noGrad, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import * as nn from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { pyBool, pyNumber, pyOptionalNumber, pySize, pyString, pyTuple } from './python-literal';

/** Builds the Python expression of a child module (`path` relative to the layer). */
export type ChildSource = (module: AnyModule, path: string) => string;

/** A layer's PyTorch class (`nn.Linear`) and its constructor arguments as Python source. */
export interface LayerCall {
  torchClass: string;
  args: string[];
}

/** Thrown by a layer whose configuration has no PyTorch 1.13 equivalent. */
export class UntranslatableLayer extends Error {}

type Emit = (module: AnyModule, child: ChildSource) => LayerCall;

const none =
  (torchClass: string): Emit =>
  () => ({ torchClass, args: [] });

function dim(value: number | undefined): string {
  return `dim=${pyOptionalNumber(value)}`;
}

function conv(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.Conv1d;
    const padding = typeof m.padding === 'string' ? pyString(m.padding) : pyTuple(m.padding);
    return {
      torchClass,
      args: [
        String(m.inChannels),
        String(m.outChannels),
        `kernel_size=${pyTuple(m.kernelSize)}`,
        `stride=${pyTuple(m.stride)}`,
        `padding=${padding}`,
        `dilation=${pyTuple(m.dilation)}`,
        `groups=${m.groups}`,
        `bias=${pyBool(m.bias !== null)}`,
        `padding_mode=${pyString(m.paddingMode)}`,
      ],
    };
  };
}

function maxPool(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.MaxPool2d;
    return {
      torchClass,
      args: [
        `kernel_size=${pySize(m.kernelSize)}`,
        `stride=${pySize(m.stride)}`,
        `padding=${pySize(m.padding)}`,
        `dilation=${pySize(m.dilation)}`,
        `return_indices=${pyBool(m.returnIndices)}`,
        `ceil_mode=${pyBool(m.ceilMode)}`,
      ],
    };
  };
}

function avgPool(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.AvgPool2d;
    const o = m.options;
    const args = [`kernel_size=${pySize(m.kernelSize)}`];
    if (o.stride !== undefined && o.stride !== null) args.push(`stride=${pySize(o.stride)}`);
    if (o.padding !== undefined) args.push(`padding=${pySize(o.padding)}`);
    if (o.ceilMode !== undefined) args.push(`ceil_mode=${pyBool(o.ceilMode)}`);
    if (o.countIncludePad !== undefined)
      args.push(`count_include_pad=${pyBool(o.countIncludePad)}`);
    if (o.divisorOverride !== undefined)
      args.push(`divisor_override=${pyNumber(o.divisorOverride)}`);
    return { torchClass, args };
  };
}

function adaptive(torchClass: string): Emit {
  return (module) => {
    const size = (module as nn.AdaptiveAvgPool2d).outputSize;
    const text =
      typeof size === 'number' ? String(size) : `(${size.map(pyOptionalNumber).join(', ')})`;
    return { torchClass, args: [text] };
  };
}

function batchNorm(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.BatchNorm1d;
    return {
      torchClass,
      args: [
        String(m.numFeatures),
        `eps=${pyNumber(m.eps)}`,
        `momentum=${pyOptionalNumber(m.momentum)}`,
        `affine=${pyBool(m.affine)}`,
        `track_running_stats=${pyBool(m.trackRunningStats)}`,
      ],
    };
  };
}

function recurrent(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.RNN;
    const args = [String(m.inputSize), String(m.hiddenSize), `num_layers=${m.numLayers}`];
    if (m instanceof nn.RNN) args.push(`nonlinearity=${pyString(m.nonlinearity)}`);
    args.push(
      `bias=${pyBool(m.bias)}`,
      `batch_first=${pyBool(m.batchFirst)}`,
      `dropout=${pyNumber(m.dropout)}`,
      `bidirectional=${pyBool(m.bidirectional)}`,
    );
    return { torchClass, args };
  };
}

function cell(torchClass: string): Emit {
  return (module) => {
    const m = module as nn.RNNCell;
    const args = [String(m.inputSize), String(m.hiddenSize), `bias=${pyBool(m.bias_ih !== null)}`];
    if (m instanceof nn.RNNCell) args.push(`nonlinearity=${pyString(m.nonlinearity)}`);
    return { torchClass, args };
  };
}

function sameValues(a: Tensor, b: Tensor): boolean {
  const x = a.tolist() as number[];
  const y = b.tolist() as number[];
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]!) <= 1e-6);
}

/** PyTorch takes `'relu'` or `'gelu'` by name; a custom activation function has no Python source. */
function activationName(layer: nn.TransformerEncoderLayer): string {
  const probe = tensor([-2.5, -1, -0.25, 0, 0.3, 1.7]);
  const out = noGrad(() => layer.activation(probe));
  if (sameValues(out, nn.functional.relu(probe))) return 'relu';
  if (sameValues(out, nn.functional.gelu(probe))) return 'gelu';
  throw new UntranslatableLayer(
    "its activation is a custom function (PyTorch's source needs 'relu' or 'gelu')",
  );
}

function encoderLayerArgs(m: nn.TransformerEncoderLayer): string[] {
  return [
    String(m.self_attn.embedDim),
    String(m.self_attn.numHeads),
    `dim_feedforward=${m.linear1.outFeatures}`,
    `dropout=${pyNumber(m.dropout.p)}`,
    `activation=${pyString(activationName(m))}`,
    `layer_norm_eps=${pyNumber(m.norm1.eps)}`,
    `batch_first=${pyBool(m.self_attn.batchFirst)}`,
    `norm_first=${pyBool(m.normFirst)}`,
  ];
}

/** The PyTorch constructor call of each supported `@descent/nn` layer (exact class). */
export const LAYER_SOURCES: ReadonlyMap<unknown, Emit> = new Map<unknown, Emit>([
  [
    nn.Linear,
    (m) => {
      const l = m as nn.Linear;
      return {
        torchClass: 'nn.Linear',
        args: [String(l.inFeatures), String(l.outFeatures), `bias=${pyBool(l.bias !== null)}`],
      };
    },
  ],
  [nn.Identity, none('nn.Identity')],
  [
    nn.Flatten,
    (m) => ({
      torchClass: 'nn.Flatten',
      args: [`start_dim=${(m as nn.Flatten).startDim}`, `end_dim=${(m as nn.Flatten).endDim}`],
    }),
  ],
  [nn.Dropout, (m) => ({ torchClass: 'nn.Dropout', args: [`p=${pyNumber((m as nn.Dropout).p)}`] })],
  [
    nn.Dropout2d,
    (m) => ({ torchClass: 'nn.Dropout2d', args: [`p=${pyNumber((m as nn.Dropout2d).p)}`] }),
  ],
  [nn.ReLU, none('nn.ReLU')],
  [
    nn.LeakyReLU,
    (m) => ({
      torchClass: 'nn.LeakyReLU',
      args: [`negative_slope=${pyNumber((m as nn.LeakyReLU).negativeSlope)}`],
    }),
  ],
  [nn.Sigmoid, none('nn.Sigmoid')],
  [nn.Tanh, none('nn.Tanh')],
  [
    nn.GELU,
    (m) => ({
      torchClass: 'nn.GELU',
      args: [`approximate=${pyString((m as nn.GELU).approximate)}`],
    }),
  ],
  [nn.Softmax, (m) => ({ torchClass: 'nn.Softmax', args: [dim((m as nn.Softmax).dim)] })],
  [nn.LogSoftmax, (m) => ({ torchClass: 'nn.LogSoftmax', args: [dim((m as nn.LogSoftmax).dim)] })],
  [nn.Softmin, (m) => ({ torchClass: 'nn.Softmin', args: [dim((m as nn.Softmin).dim)] })],
  [nn.ELU, (m) => ({ torchClass: 'nn.ELU', args: [`alpha=${pyNumber((m as nn.ELU).alpha)}`] })],
  [nn.CELU, (m) => ({ torchClass: 'nn.CELU', args: [`alpha=${pyNumber((m as nn.CELU).alpha)}`] })],
  [nn.SELU, none('nn.SELU')],
  [nn.SiLU, none('nn.SiLU')],
  [nn.Mish, none('nn.Mish')],
  [
    nn.Softplus,
    (m) => ({
      torchClass: 'nn.Softplus',
      args: [
        `beta=${pyNumber((m as nn.Softplus).beta)}`,
        `threshold=${pyNumber((m as nn.Softplus).threshold)}`,
      ],
    }),
  ],
  [nn.Softsign, none('nn.Softsign')],
  [
    nn.Hardtanh,
    (m) => ({
      torchClass: 'nn.Hardtanh',
      args: [
        `min_val=${pyNumber((m as nn.Hardtanh).minVal)}`,
        `max_val=${pyNumber((m as nn.Hardtanh).maxVal)}`,
      ],
    }),
  ],
  [nn.ReLU6, none('nn.ReLU6')],
  [nn.Hardsigmoid, none('nn.Hardsigmoid')],
  [nn.Hardswish, none('nn.Hardswish')],
  [nn.LogSigmoid, none('nn.LogSigmoid')],
  [nn.Conv1d, conv('nn.Conv1d')],
  [nn.Conv2d, conv('nn.Conv2d')],
  [
    nn.ConvTranspose2d,
    (m) => {
      const c = m as nn.ConvTranspose2d;
      return {
        torchClass: 'nn.ConvTranspose2d',
        args: [
          String(c.inChannels),
          String(c.outChannels),
          `kernel_size=${pyTuple(c.kernelSize)}`,
          `stride=${pyTuple(c.stride)}`,
          `padding=${pyTuple(c.padding)}`,
          `output_padding=${pyTuple(c.outputPadding)}`,
          `groups=${c.groups}`,
          `bias=${pyBool(c.bias !== null)}`,
          `dilation=${pyTuple(c.dilation)}`,
        ],
      };
    },
  ],
  [nn.MaxPool1d, maxPool('nn.MaxPool1d')],
  [nn.MaxPool2d, maxPool('nn.MaxPool2d')],
  [nn.AvgPool1d, avgPool('nn.AvgPool1d')],
  [nn.AvgPool2d, avgPool('nn.AvgPool2d')],
  [nn.AdaptiveAvgPool2d, adaptive('nn.AdaptiveAvgPool2d')],
  [nn.AdaptiveMaxPool2d, adaptive('nn.AdaptiveMaxPool2d')],
  [nn.BatchNorm1d, batchNorm('nn.BatchNorm1d')],
  [nn.BatchNorm2d, batchNorm('nn.BatchNorm2d')],
  [
    nn.LayerNorm,
    (m) => {
      const l = m as nn.LayerNorm;
      return {
        torchClass: 'nn.LayerNorm',
        args: [
          pyTuple(l.normalizedShape),
          `eps=${pyNumber(l.eps)}`,
          `elementwise_affine=${pyBool(l.elementwiseAffine)}`,
        ],
      };
    },
  ],
  [
    nn.GroupNorm,
    (m) => {
      const g = m as nn.GroupNorm;
      return {
        torchClass: 'nn.GroupNorm',
        args: [
          String(g.numGroups),
          String(g.numChannels),
          `eps=${pyNumber(g.eps)}`,
          `affine=${pyBool(g.affine)}`,
        ],
      };
    },
  ],
  [
    nn.Embedding,
    (m) => {
      const e = m as nn.Embedding;
      return {
        torchClass: 'nn.Embedding',
        args: [
          String(e.numEmbeddings),
          String(e.embeddingDim),
          `padding_idx=${pyOptionalNumber(e.paddingIdx)}`,
        ],
      };
    },
  ],
  [nn.RNN, recurrent('nn.RNN')],
  [nn.LSTM, recurrent('nn.LSTM')],
  [nn.GRU, recurrent('nn.GRU')],
  [nn.RNNCell, cell('nn.RNNCell')],
  [nn.LSTMCell, cell('nn.LSTMCell')],
  [nn.GRUCell, cell('nn.GRUCell')],
  [
    nn.MultiheadAttention,
    (m) => {
      const a = m as nn.MultiheadAttention;
      return {
        torchClass: 'nn.MultiheadAttention',
        args: [
          String(a.embedDim),
          String(a.numHeads),
          `dropout=${pyNumber(a.dropout)}`,
          `bias=${pyBool(a.in_proj_bias !== null)}`,
          `kdim=${a.kdim}`,
          `vdim=${a.vdim}`,
          `batch_first=${pyBool(a.batchFirst)}`,
        ],
      };
    },
  ],
  [
    nn.TransformerEncoderLayer,
    (m) => ({
      torchClass: 'nn.TransformerEncoderLayer',
      args: encoderLayerArgs(m as nn.TransformerEncoderLayer),
    }),
  ],
  [
    nn.TransformerEncoder,
    (m, child) => {
      const e = m as nn.TransformerEncoder;
      const first = e.layers.namedChildren()[0]!;
      return {
        torchClass: 'nn.TransformerEncoder',
        args: [
          child(first[1], `layers.${first[0]}`),
          String(e.numLayers),
          `norm=${e.norm === null ? 'None' : child(e.norm, 'norm')}`,
        ],
      };
    },
  ],
]);
