/**
 * Which layers a built-in forward may run without its intermediates escaping (issue #23; see
 * `private-forward.ts` in @descent/autograd): built-in classes whose `forward` keeps no reference
 * to a tensor it sees or makes and calls no code of the user's. A subclass is not one of them (its
 * `forward` is the user's), nor an instance whose `forward` was replaced.
 */
import type { AnyModule } from '../module';
import { Flatten } from './flatten';
import { Identity } from './identity';
import { Linear } from './linear';
import { GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from './activations';
import { Conv1d, Conv2d } from './conv';
import { MaxPool1d, MaxPool2d } from './max-pool';
import { AvgPool1d, AvgPool2d } from './avg-pool';
import { AdaptiveAvgPool2d } from './adaptive-pool';

const PRIVATE: ReadonlySet<unknown> = new Set<unknown>([
  Linear,
  ReLU,
  LeakyReLU,
  Sigmoid,
  Tanh,
  GELU,
  Softmax,
  LogSoftmax,
  Flatten,
  Identity,
  Conv1d,
  Conv2d,
  MaxPool1d,
  MaxPool2d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool2d,
]);

/**
 * Whether `module`'s forward may see a built-in forward's intermediates: one of the layers above,
 * exactly, with its class's own `forward`. `container`: a container class that is private too
 * (`Sequential`, whose own forward runs as an episode).
 *
 * @example
 * privateLayer(new Linear(2, 3), Sequential); // true
 */
export function privateLayer(module: AnyModule, container: abstract new (...args: never[]) => unknown): boolean {
  const cls = module.constructor as { prototype: { forward: unknown } };
  return (PRIVATE.has(cls) || cls === container) && module.forward === cls.prototype.forward;
}
