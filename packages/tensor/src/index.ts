import './copy-guard';
import './tensor-methods/index';
export { Tensor } from './tensor';
export type { NestedArray, RandomOptions, VarOptions } from './tensor';
export { Storage } from './storage';
export { checkArity, checkOptions, intListArg } from './args';
export type { IntList } from './args';
export type { DivOptions, RoundingMode } from './ops/rounding-div';
export type { ReduceOptions } from './ops/reduction';
export { DTYPES, isFloating, promoteTypes } from './dtype';
export type { DType, FloatArray, TypedArray } from './dtype';
export { broadcastShapes, contiguousStrides } from './shape';
export { describeValue } from './describe-value';
export {
  arange,
  bernoulli,
  empty,
  emptyLike,
  eye,
  fromStorage,
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
} from './creation';
export type { RandomTensorOptions, TensorOptions } from './creation';
export { cat, chunk, split, stack } from './ops/join';
export { where } from './ops/indexing';
export { Generator, defaultGenerator, manualSeed } from './random';
export type { GeneratorState, GeneratorStateDict } from './random';
export { getNumThreads, setNumThreads } from './wasm/index';
export { wasmKernels, WASM_GC_BUDGET } from './wasm/index';
export type { WasmAdagradOptions, WasmAdamOptions, WasmKernels, WasmRmspropOptions, WasmSgdOptions } from './wasm/index';
export type { WasmAdafactorOptions, WasmAdemamixOptions, WasmLambOptions, WasmLarsOptions, WasmScheduleFreeAdamWOptions, WasmScheduleFreeSgdOptions } from './wasm/index';
export type { WasmProdigyOptions, WasmProdigySums } from './wasm/index';
export type { WasmIm2colShape } from './wasm/index';
export type { WasmCol2imShape } from './wasm/index';
export type { WasmMaxPool2dShape } from './wasm/index';
export type { WasmNormLayout } from './wasm/index';
export { claimSingleCopy } from './single-copy';
export { initWebGPU, releaseWebGPU, webgpuInfo } from './webgpu/runtime';
export { webgpuCounters } from './webgpu/runtime';
export type { WebGPUCounters } from './webgpu/runtime';
export type { WebGPUInfo, WebGPUInitOptions } from './webgpu/runtime';
export { im2colOutputSize } from './kernels/im2col';
export { col2im, im2col } from './kernels/im2col-dispatch';
export type { Im2colGeometry } from './kernels/im2col';
export { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from './kernels/conv2d';
export { freeFunction } from './free-function';
export type { FreeForm } from './free-function';
export { freeFunctionNames } from './free-function-names';
export * from './free-functions';
export { reluBackward, reluForward } from './kernels/relu';
export { maxPool2dBackward, maxPool2dForward } from './kernels/max-pool2d';
export type { MaxPool2dGeometry } from './kernels/max-pool2d';
export { maxPool2dIndices } from './kernels/max-pool2d';
export type { IsCloseOptions } from './tensor';
export { einsum } from './ops/einsum';
export { meshgrid } from './ops/meshgrid';
export type { MeshgridOptions } from './ops/meshgrid';
export type { ScatterReduce } from './ops/scatter';
export type { ScatterReduceOptions } from './tensor';
export { slice } from './ops/index';
export type { IndexItem, Slice } from './ops/index';
export type { Device } from './storage';
export { nextStorageBirth, watchStorageBirths } from './storage';
export { acquireArray, recycleArray, pooledArrayBytes, POOL_MAX_BYTES } from './storage-pool';
export { recycleStorage } from './recycle-storage';
export { withTemporaries } from './temporaries';
export { recurrentSequenceBackward, recurrentSequenceForward } from './kernels/recurrent';
export type { RecurrentForward, RecurrentGradients, RecurrentInputs, RecurrentMode, RecurrentShape } from './kernels/recurrent-layout';
export { activation, activationBackward } from './ops/activation';
export type { ActivationKind, ActivationParams } from './activation-math';
export { softmaxRows, softmaxRowsBackward } from './kernels/softmax-rows';
export { scope, keep, inScope, libraryKeeps, markPersistent, releaseToScope, scopeRoot } from './scope';
export { releaseGPUStorage } from './device/gpu-storage';
export { gpuScatterAddInto } from './device/gpu-indexing-methods';
export { gpuSliceScatter } from './device/gpu-slice-scatter';
export { gpuNormBackward, gpuNormForward } from './device/gpu-normalization';
export type { GPUNormStatistics } from './device/gpu-normalization';
export type { GPUNormLayout } from './webgpu/normalization';
export { mixedDevicesError } from './device/dispatch';
export { gpuMethodNames } from './device/dispatch';
export { checkGradientCoverage, GPU_COMPOSED, GPU_NON_DIFFERENTIABLE, registerRecordingClass } from './device/gradient-guard';
export type { RecordingClass } from './device/gradient-guard';
export type { TensorAsyncReads } from './tensor-methods/async-reads';
export { gpuAdagradUpdate, gpuAdamUpdate, gpuRmspropUpdate, gpuSgdUpdate } from './device/gpu-optimizers';
export type { GPUAdamOptions } from './webgpu/optimizers';
export { normBackward, normForward } from './kernels/normalization';
export type { NormStatistics } from './kernels/normalization';
export { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward, adaptiveMaxPool2dForward } from './kernels/adaptive-pool2d';
export type { WasmAdaptivePool2dShape } from './wasm/index';
export { dtypeOfArray } from './dtype';
