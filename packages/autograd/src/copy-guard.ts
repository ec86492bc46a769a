/**
 * Import-time side effect (listed under `sideEffects` in package.json for this reason): claims
 * `@descent/autograd` in the one-copy registry, so a second, different copy of the package in the
 * same program throws at import instead of splitting grad mode and the `Tensor` class.
 */
import { claimSingleCopy } from '@descent/tensor';
import { version } from '../package.json';

claimSingleCopy('@descent/autograd', version);
