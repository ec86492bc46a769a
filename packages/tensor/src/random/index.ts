export { Generator, defaultGenerator, manualSeed } from './generator';
export type { GeneratorState } from './generator';
export { fillBernoulli, fillNormal, fillUniform, normalScalar, randintValues, randpermValues } from './distributions';
