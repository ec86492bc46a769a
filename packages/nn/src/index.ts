import * as functional from './functional';
import * as init from './init';

export { Module } from './module';
export type { AnyModule, LoadStateDictOptions } from './module';
export { Parameter } from './parameter';
export type { LoadStateDictResult, StateDict } from './state-dict';

export { Linear } from './layers/linear';
export type { LinearOptions } from './layers/linear';
export { Sequential } from './layers/sequential';
export { ModuleList } from './layers/module-list';
export { ModuleDict } from './layers/module-dict';
export { Flatten } from './layers/flatten';
export { Dropout } from './layers/dropout';
export { Identity } from './layers/identity';
export { ReLU, LeakyReLU, Sigmoid, Tanh, GELU, Softmax, LogSoftmax } from './layers/activations';
export { ELU, CELU, SELU, SiLU, Mish, Softplus, Softsign, Hardtanh, ReLU6, Hardsigmoid, Hardswish, LogSigmoid, Softmin } from './layers/activation-zoo';
export { MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss } from './losses';

export { functional, init };
export {
  calculateGain,
  calculateFanInAndFanOut,
  uniform_,
  normal_,
  constant_,
  zeros_,
  ones_,
  xavierUniform_,
  xavierNormal_,
  kaimingUniform_,
  kaimingNormal_,
  truncNormal_,
} from './init';
export type { FanMode, InitOptions, KaimingOptions, Nonlinearity, TruncNormalOptions } from './init';

export { clipGradNorm_, clipGradValue_ } from './clip-grad';
export type { ClipGradNormOptions } from './clip-grad';
export { parametersToVector, vectorToParameters } from './parameters-vector';

export { serialize } from './safetensors/serialize';
export type { SerializeOptions } from './safetensors/serialize';
export { deserialize } from './safetensors/deserialize';
export type { DeserializeOptions } from './safetensors/deserialize';
export { parseSafetensors } from './safetensors/parse';
export type { ParsedSafetensors, RawTensor } from './safetensors/parse';
export type { ParseOptions } from './safetensors/parse';
export type { SafetensorsDType } from './safetensors/dtypes';
export type { TensorLike } from './safetensors/tensor-like';
export { Conv1d, Conv2d } from './layers/conv';
export type { ConvModuleOptions } from './layers/conv';
export { ConvTranspose2d } from './layers/conv-transpose2d';
export type { ConvTranspose2dModuleOptions } from './layers/conv-transpose2d';
export { MaxPool1d, MaxPool2d } from './layers/max-pool';
export type { MaxPoolModuleOptions, PoolResult } from './layers/max-pool';
export { AvgPool1d, AvgPool2d } from './layers/avg-pool';
export { AdaptiveAvgPool2d, AdaptiveMaxPool2d } from './layers/adaptive-pool';
export { BatchNorm1d, BatchNorm2d } from './layers/batch-norm';
export type { BatchNormModuleOptions } from './layers/batch-norm';
export { LayerNorm } from './layers/layer-norm';
export type { LayerNormModuleOptions } from './layers/layer-norm';
export { GroupNorm } from './layers/group-norm';
export type { GroupNormModuleOptions } from './layers/group-norm';
export { Embedding } from './layers/embedding';
export type { EmbeddingModuleOptions } from './layers/embedding';
export { Dropout2d } from './layers/dropout2d';

export { RNN } from './recurrent/rnn';
export type { RNNOptions } from './recurrent/rnn';
export { LSTM } from './recurrent/lstm';
export { GRU } from './recurrent/gru';
export { RNNBase } from './recurrent/rnn-base';
export type { RecurrentOptions } from './recurrent/rnn-base';
export { RNNCell } from './recurrent/rnn-cell';
export type { RNNCellOptions } from './recurrent/rnn-cell';
export { LSTMCell } from './recurrent/lstm-cell';
export { GRUCell } from './recurrent/gru-cell';
export { RNNCellBase } from './recurrent/cell-base';
export type { CellOptions } from './recurrent/cell-base';
export { MultiheadAttention } from './attention/multihead-attention';
export type { MultiheadAttentionForwardOptions, MultiheadAttentionOptions } from './attention/multihead-attention';
export { TransformerEncoderLayer } from './attention/transformer-encoder-layer';
export type { TransformerEncoderLayerForwardOptions, TransformerEncoderLayerOptions } from './attention/transformer-encoder-layer';
export { TransformerEncoder } from './attention/transformer-encoder';
export type { TransformerEncoderForwardOptions } from './attention/transformer-encoder';
export { RMSNorm } from './layers/rms-norm';
export type { RMSNormModuleOptions } from './layers/rms-norm';
export { GPT2 } from './models/gpt2/gpt2';
export type { GenerateOptions, GPT2Output } from './models/gpt2/gpt2';
export { GPT2_SMALL } from './models/gpt2/config';
export type { GPT2Config } from './models/gpt2/config';
export { GPT2Attention, GPT2Block, GPT2MLP } from './models/gpt2/block';
export type { LayerPast } from './models/gpt2/block';
export { GPT2Conv1D } from './models/gpt2/conv1d';
export type { CellMode } from './recurrent/cells';
