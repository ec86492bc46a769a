import { Tensor as BaseTensor } from '@descent/tensor';
import type { Tensor } from '@descent/autograd';

/** A state dict: tensors by dotted name (`0.weight`), in the module's order. */
export type StateDict = Record<string, Tensor>;

/** What {@link Module.loadStateDict} found besides the keys it loaded (PyTorch's `_IncompatibleKeys`). */
export interface LoadStateDictResult {
  /** Keys the module has but the state dict lacks. */
  missingKeys: string[];
  /** Keys the state dict has but the module lacks. */
  unexpectedKeys: string[];
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Compares a module's state (`own`, by dotted name) with a state dict to load and throws one
 * `Error` listing every problem, worded as PyTorch's `load_state_dict`: missing keys, then
 * unexpected keys (both only when `strict`), then each wrong value or shape mismatch.
 */
export function checkStateDict(moduleName: string, own: ReadonlyMap<string, Tensor>, stateDict: Readonly<Record<string, unknown>>, strict: boolean): LoadStateDictResult {
  if (typeof stateDict !== 'object' || stateDict === null) {
    throw new TypeError(`Expected state_dict to be dict-like, got ${stateDict === null ? 'null' : typeof stateDict}.`);
  }
  const missingKeys: string[] = [];
  const problems: string[] = [];
  for (const [key, target] of own) {
    if (!Object.hasOwn(stateDict, key)) {
      missingKeys.push(key);
      continue;
    }
    const source = stateDict[key];
    if (!(source instanceof BaseTensor)) {
      problems.push(`While copying the parameter named "${key}", expected Tensor from checkpoint but received ${source === null ? 'null' : typeof source}`);
    } else if (source.shape.length !== target.shape.length || source.shape.some((n, i) => n !== target.shape[i])) {
      problems.push(
        `size mismatch for ${key}: copying a param with shape ${shapeText(source.shape)} from checkpoint, the shape in current model is ${shapeText(target.shape)}.`,
      );
    }
  }
  const unexpectedKeys = Object.keys(stateDict).filter((key) => !own.has(key));
  const messages: string[] = [];
  if (strict && missingKeys.length > 0) messages.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
  if (strict && unexpectedKeys.length > 0) messages.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
  messages.push(...problems);
  if (messages.length > 0) throw new Error(`Error(s) in loading state_dict for ${moduleName}:\n\t${messages.join('\n\t')}`);
  return { missingKeys, unexpectedKeys };
}
