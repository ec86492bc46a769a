/**
 * Which layers a built-in forward may run without its intermediates escaping (issue #23; see
 * `private-forward.ts` in @descent/autograd): built-in classes whose `forward` keeps no reference
 * to a tensor it sees or makes and calls no code of the user's. Each declares it with its own
 * static `privateForward` (a flag, not a list here, so that importing `Sequential` does not pull
 * every layer into a bundle). A subclass is not one of them (the flag is not its own, and its
 * `forward` is the user's), nor an instance whose `forward` was replaced.
 */
import type { AnyModule } from '../module';

/**
 * Whether `module`'s forward may see a built-in forward's intermediates: its class declares its
 * own static `privateForward` (or is `container`), and its `forward` is its class's.
 *
 * @example
 * privateLayer(new Linear(2, 3), Sequential); // true
 */
export function privateLayer(module: AnyModule, container: abstract new (...args: never[]) => unknown): boolean {
  const cls = module.constructor as { prototype: { forward: unknown } };
  return (Object.prototype.hasOwnProperty.call(cls, 'privateForward') || cls === container) && module.forward === cls.prototype.forward;
}
