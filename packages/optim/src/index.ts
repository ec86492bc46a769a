export { Optimizer } from './optimizer';
export type {
  HookHandle,
  OptimizerLike,
  OptimizerStateDict,
  ParamGroup,
  ParamGroupInput,
  ParamState,
  ParamsInput,
  StateKind,
  StateValue,
  StepPostHook,
  StepPreHook,
} from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { Adagrad } from './adagrad';
export type { AdagradOptions } from './adagrad';
export { RMSprop } from './rmsprop';
export type { RMSpropOptions } from './rmsprop';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
export { AdamW } from './adamw';
export type { AdamWOptions } from './adamw';
export { Adamax } from './adamax';
export type { AdamaxOptions } from './adamax';
export { NAdam } from './nadam';
export type { NAdamOptions } from './nadam';
export { RAdam } from './radam';
export type { RAdamOptions } from './radam';
export { Adadelta } from './adadelta';
export type { AdadeltaOptions } from './adadelta';
export { Rprop } from './rprop';
export type { RpropOptions } from './rprop';
export { ASGD } from './asgd';
export type { ASGDOptions } from './asgd';
export { LBFGS } from './lbfgs';
export type { LBFGSOptions } from './lbfgs';
export { Lion } from './lion';
export type { LionOptions } from './lion';
export { ExponentialMovingAverage } from './exponential-moving-average';
export type { ExponentialMovingAverageOptions } from './exponential-moving-average';
export { AveragedModel } from './averaged-model';
export type { AveragedModelOptions, AveragedModelStateDict, HasParameters } from './averaged-model';
export { SWALR } from './swalr';
export type { SWALROptions, SWALRParamGroup } from './swalr';
export { Adafactor } from './adafactor';
export type { AdafactorOptions } from './adafactor';
export { LAMB } from './lamb';
export type { LAMBOptions } from './lamb';
export { LARS } from './lars';
export type { LARSOptions } from './lars';
export { Lookahead } from './lookahead';
export type { LookaheadOptions, LookaheadStateDict } from './lookahead';
export { SAM } from './sam';
export type { BaseOptimizerFactory, SAMBaseOptimizer, SAMOptions } from './sam';
export { ScheduleFreeAdamW } from './schedule-free-adamw';
export type { ScheduleFreeAdamWOptions } from './schedule-free-adamw';
export { ScheduleFreeSGD } from './schedule-free-sgd';
export type { ScheduleFreeSGDOptions } from './schedule-free-sgd';
export type { ScheduleFreeGroupState } from './schedule-free';
export { Muon } from './muon';
export type { MuonAdamWOptions, MuonOptions } from './muon';
export { Prodigy } from './prodigy';
export type { ProdigyOptions } from './prodigy';
export { AdEMAMix } from './ademamix';
export type { AdEMAMixOptions } from './ademamix';
