import './copy-guard';
import './gradient-guard';
export { Tensor } from './tensor';
export { Node } from './node';
export type { BackwardFn } from './node';
export { grad } from './backward';
export type { BackwardOptions, GradOptions } from './backward';
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from './grad-mode';
export { gradcheck } from './gradcheck';
export type { GradcheckOptions } from './gradcheck';
export {
  arange,
  bernoulli,
  empty,
  emptyLike,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  randperm,
  tensor,
  zeros,
  zerosLike,
} from './factories';
export type { GradRandomTensorOptions, GradTensorOptions } from './factories';
export { cat, chunk, split, stack } from './ops/join';
export { where } from './ops/indexing';
export { Generator, manualSeed } from '@descent/tensor';
export type { DType } from '@descent/tensor';
export { col2im, im2col } from './ops/im2col';
export { im2colOutputSize } from '@descent/tensor';
export type { Im2colGeometry } from '@descent/tensor';
export { conv2d } from './ops/conv2d';
export { maxPool2dWithIndices } from './ops/max-pool2d';
export { gruCell, lstmCell } from './ops/recurrent-cells';
export * from './free-functions';
export { recurrentSequence } from './ops/recurrent-sequence';
export type { RecurrentSequenceOptions } from './ops/recurrent-sequence';
export { einsum, meshgrid } from './ops/shape-free';
export type { MeshgridOptions, ScatterReduce, ScatterReduceOptions } from '@descent/tensor';
export { slice } from '@descent/tensor';
export type { IndexItem, Slice } from '@descent/tensor';
export { activation } from './ops/activation';
export type { ActivationKind, ActivationParams } from '@descent/tensor';
export { scope, keep, inScope } from '@descent/tensor';
export { dropGrad, gradOf } from './scope-grads';
export { privateForward, outsidePrivate } from './private-forward';
export { fusedNorm } from './ops/normalization';
export type { FusedNormResult, FusedNormSpec } from './ops/normalization';
export type { NormStatistics, WasmNormLayout } from '@descent/tensor';
export { adaptiveAvgPool2dOp, adaptiveMaxPool2dOp } from './ops/adaptive-pool2d';
