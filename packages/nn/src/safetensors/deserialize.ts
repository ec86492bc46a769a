import { Tensor } from '@descent/autograd';
import { contiguousStrides, Storage } from '@descent/tensor';
import { parseSafetensors } from './parse';
import type { ParseOptions } from './parse';
import type { StateDict } from '../state-dict';

/** Options of {@link deserialize}: `maxTensors` (default 100,000) bounds the tensors of one file. */
export type DeserializeOptions = ParseOptions;

/** The bytes of a Uint8Array (a Node Buffer too) or an ArrayBuffer; anything else is a TypeError naming it. */
export function bytesOf(bytes: unknown, where: string): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  const kind = bytes === null ? 'null' : typeof bytes === 'object' ? (bytes.constructor?.name ?? 'Object') : typeof bytes;
  throw new TypeError(`${where}: argument 'bytes' must be a Uint8Array or an ArrayBuffer of a safetensors file, got ${kind}`);
}

/**
 * Reads safetensors bytes into a state dict of tensors keyed by name (`0.weight`), validating the
 * file first (see {@link parseSafetensors}; a truncated or hostile file throws an `Error` starting
 * `safetensors:`). F16/BF16 become float32, I64 and small integers int32. Mirrors
 * `safetensors.torch.load`.
 *
 * @example
 * model.loadStateDict(deserialize(serialize(model.stateDict())));
 */
export function deserialize(bytes: Uint8Array | ArrayBuffer, options: DeserializeOptions = {}): StateDict {
  const { tensors } = parseSafetensors(bytesOf(bytes, 'deserialize'), options);
  return Object.fromEntries(
    tensors.map((t) => [t.name, new Tensor(new Storage(t.data), t.shape, contiguousStrides(t.shape), 0, t.dtype)] as const),
  );
}
