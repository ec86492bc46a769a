import './copy-guard';
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
export { claimSingleCopy } from './single-copy';
export { initWebGPU, releaseWebGPU, webgpuInfo } from './webgpu/runtime';
export type { WebGPUInfo, WebGPUInitOptions } from './webgpu/runtime';
export { col2im, im2col, im2colOutputSize } from './kernels/im2col';
export type { Im2colGeometry } from './kernels/im2col';
export { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from './kernels/conv2d';
export { freeFunction } from './free-functions';
export type { FreeForm } from './free-functions';
export {
  max,
  min,
  abs,
  neg,
  sign,
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  rsqrt,
  reciprocal,
  square,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  asinh,
  acosh,
  atanh,
  tanh,
  sigmoid,
  relu,
  erf,
  exp2,
  log2,
  log10,
  floor,
  ceil,
  round,
  trunc,
  clamp,
  clip,
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  remainder,
  fmod,
  copysign,
  logaddexp,
  floorDivide,
  lerp,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  isclose,
  allclose,
  equal,
  logicalAnd,
  logicalOr,
  logicalNot,
  isnan,
  isinf,
  isfinite,
  bitwiseAnd,
  bitwiseOr,
  bitwiseXor,
  bitwiseNot,
  bitwiseLeftShift,
  bitwiseRightShift,
  sum,
  mean,
  prod,
  amax,
  amin,
  argmax,
  argmin,
  var,
  std,
  norm,
  logsumexp,
  softmax,
  logSoftmax,
  cumsum,
  all,
  any,
  matmul,
  mm,
  bmm,
  dot,
  outer,
  reshape,
  permute,
  transpose,
  t,
  squeeze,
  unsqueeze,
  flatten,
  flip,
  narrow,
  select,
  unbind,
  gather,
  indexSelect,
  maskedFill,
  clone,
} from './free-functions';
export type { IsCloseOptions } from './tensor';
export {
  repeatInterleave,
  roll,
  tril,
  triu,
  diagonal,
  diag,
  cummax,
  cummin,
  cumprod,
  logcumsumexp,
  stdMean,
  sort,
  argsort,
  topk,
  scatter,
  scatterReduce,
  nonzero,
  maskedSelect,
  unflatten,
} from './free-functions';
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
