/**
 * The one mechanism by which `Tensor`'s methods reach its prototype. `tensor.ts` holds the class
 * core; each file of `tensor-methods/` declares an interface of methods (merged into `Tensor` by
 * declaration merging in `tensor.ts`) and installs their implementations with
 * {@link installMethods}. `tensor-methods/index.ts` imports every group, so importing the package
 * (or `creation.ts`, where tensors are made) installs them all before a tensor exists.
 */
import type { Tensor } from '../tensor';

/**
 * Defines `methods` on `proto` as class methods are defined: non-enumerable, writable and
 * configurable, so subclasses (autograd's Tensor) override them and call them through `super`.
 * Inside each method `this` is the tensor. A name installed twice is a bug and throws.
 */
export function installMethods<M extends object>(proto: Tensor, methods: M & ThisType<Tensor>): void {
  const keys = Reflect.ownKeys(methods);
  const taken = keys.find((key) => Object.prototype.hasOwnProperty.call(proto, key));
  if (taken !== undefined) throw new Error(`Tensor.prototype.${String(taken)} is installed twice (two method groups define it)`);
  for (const key of keys) {
    const value: unknown = Reflect.get(methods, key);
    Object.defineProperty(proto, key, { value, writable: true, enumerable: false, configurable: true });
  }
}
