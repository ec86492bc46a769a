import { Tensor } from '@descent/autograd';
import { contiguousStrides, Storage } from '@descent/tensor';
import { parseSafetensors } from './parse';
import type { StateDict } from '../state-dict';

/**
 * Reads safetensors bytes into a state dict of tensors keyed by name (`0.weight`), validating the
 * file first (see {@link parseSafetensors}; a truncated or hostile file throws an `Error` starting
 * `safetensors:`). F16/BF16 become float32, I64 and small integers int32. Mirrors
 * `safetensors.torch.load`.
 *
 * @example
 * model.loadStateDict(deserialize(serialize(model.stateDict())));
 */
export function deserialize(bytes: Uint8Array | ArrayBuffer): StateDict {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const { tensors } = parseSafetensors(view);
  return Object.fromEntries(
    tensors.map((t) => [t.name, new Tensor(new Storage(t.data), t.shape, contiguousStrides(t.shape), 0, t.dtype)] as const),
  );
}
