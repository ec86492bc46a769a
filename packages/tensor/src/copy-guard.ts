/**
 * Import-time side effect (listed under `sideEffects` in package.json for this reason): claims
 * `@descent/tensor` in the one-copy registry, so a second, different copy of the package in the
 * same program throws at import instead of splitting the global generator and `Tensor` class.
 */
import { version } from '../package.json';
import { claimSingleCopy } from './single-copy';

claimSingleCopy('@descent/tensor', version);
