export { Generator, defaultGenerator, manualSeed } from './generator';
export type { GeneratorState, GeneratorStateDict } from './generator';
export { fillBernoulli, fillBernoulliScalar, fillNormal, fillNormalSerial, fillUniform, normalScalar, randintValues, randpermValues } from './distributions';
