export { Generator, defaultGenerator, manualSeed } from './generator';
export type { GeneratorState } from './generator';
export { fillBernoulli, fillBernoulliScalar, fillNormal, fillNormalSerial, fillUniform, normalScalar, randintValues, randpermValues } from './distributions';
