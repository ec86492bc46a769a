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
export type { GeneratorState } from './random';
export { getNumThreads, setNumThreads } from './wasm/index';
export { wasmKernels } from './wasm/index';
export type { WasmAdagradOptions, WasmAdamOptions, WasmKernels, WasmRmspropOptions, WasmSgdOptions } from './wasm/index';
