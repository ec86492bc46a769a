export { chainRuleExample, formatChainRule } from './chain-rule';
export type { ChainRuleStep, ChainRuleTrace } from './chain-rule';
export {
  TWO_LAYER_SETUP,
  WEIGHT_NAMES,
  formatTwoLayerNetwork,
  twoLayerBackward,
  twoLayerForward,
  twoLayerNetworkExample,
} from './two-layer-network';
export type { TwoLayerForward, TwoLayerSetup, TwoLayerTrace, WeightName } from './two-layer-network';
export { formatMlpBackprop, matrix, mlpBackprop } from './mlp-backprop';
export type { Activation, DenseLayer, Matrix, MlpBackpropTrace } from './mlp-backprop';
export { TUTORIAL_LEARNING_RATES, formatLearningRateExperiment, learningRateExperiment } from './learning-rate';
export type { LearningRateIteration, LearningRateRun } from './learning-rate';
export { formatF } from './c-format';
export { exponentialMovingAverage, formatExponentialMovingAverage, temperatureSeries } from './exponential-moving-average';
export { TWO_STEP_RUNS, formatOptimizerTwoSteps, optimizerTwoSteps, sgdSingleStep } from './optimizer-two-steps';
export type { TwoStepLabel, TwoStepRow } from './optimizer-two-steps';
export { formatSaddlePoint, saddlePointExample, saddleSurface, saddleValue } from './saddle-point';
export type { Point, SaddlePointTrace, SaddleTrajectory } from './saddle-point';
