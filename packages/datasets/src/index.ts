export { gradientDescentPlan } from './gradient-descent-plan';
export type {
  GradientDescentMode,
  GradientDescentPlan,
  GradientDescentPlanOptions,
} from './gradient-descent-plan';
export type {
  AsyncDataset,
  AsyncIterableDataset,
  Dataset,
  DatasetSource,
  IterableDataset,
} from './dataset';
export { TensorDataset } from './tensor-dataset';
export { Subset } from './subset';
export { ConcatDataset } from './concat-dataset';
export { randomSplit, splitLengths } from './random-split';
export type { RandomSplitOptions } from './random-split';
export { defaultCollate } from './collate';
export type { Collated, NumericArray } from './collate';
export { DataLoader } from './data-loader';
export type { DataLoaderOptions } from './data-loader';
export type { Sampler, SizedSource } from './samplers/sampler';
export { SequentialSampler } from './samplers/sequential-sampler';
export { RandomSampler, drawSeed } from './samplers/random-sampler';
export type { RandomSamplerOptions } from './samplers/random-sampler';
export { SubsetRandomSampler } from './samplers/subset-random-sampler';
export { WeightedRandomSampler } from './samplers/weighted-random-sampler';
export type { WeightedRandomSamplerOptions } from './samplers/weighted-random-sampler';
export { BatchSampler } from './samplers/batch-sampler';
export type { BatchSamplerOptions } from './samplers/batch-sampler';
export { isStateful } from './state/state-dict';
export type { PreparedStateful, StateDict, StateValue, Stateful } from './state/state-dict';
export { makeRegression } from './synthetic/make-regression';
export type { MakeRegressionOptions, Regression } from './synthetic/make-regression';
export { makeMoons } from './synthetic/make-moons';
export { makeCircles } from './synthetic/make-circles';
export type { MakeCirclesOptions } from './synthetic/make-circles';
export { makeSpirals } from './synthetic/make-spirals';
export type { MakeSpiralsOptions } from './synthetic/make-spirals';
export { makeBlobs } from './synthetic/make-blobs';
export type { Blobs, MakeBlobsOptions } from './synthetic/make-blobs';
export type { Classification, SyntheticOptions } from './synthetic/synthetic-options';
export { loadIris } from './builtin/load-iris';
export type { Bunch, LoadOptions } from './builtin/load-iris';
export { loadDigits } from './builtin/load-digits';
export type { DigitsBunch } from './builtin/load-digits';
export { trainTestSplit } from './train-test-split';
export type { TrainTestSplitOptions } from './train-test-split';
export { normalize } from './transforms/normalize';
export { standardize } from './transforms/standardize';
export type { Standardizer } from './transforms/standardize';
export { oneHot } from './transforms/one-hot';
export type { OneHotOptions } from './transforms/one-hot';
