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
export { parseSafetensors } from './safetensors/parse';
export type { ParsedSafetensors, RawTensor } from './safetensors/parse';
export type { SafetensorsDType } from './safetensors/dtypes';
export type { TensorLike } from './safetensors/tensor-like';
