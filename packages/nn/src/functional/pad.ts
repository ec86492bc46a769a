import { cat, full } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { list } from './window-args';

/** How {@link pad} fills the new border. */
export type PaddingMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Options of {@link pad}. */
export interface PadOptions {
  /** 'constant' (default), 'reflect' (mirror without the edge), 'replicate' (repeat the edge) or 'circular' (wrap around). */
  mode?: PaddingMode;
  /** Fill value of 'constant' mode (default 0). */
  value?: number;
}

/**
 * Pads the last dims of `input` (torch.nn.functional.pad). `pads` holds (left, right) pairs starting
 * from the last dim: `[1, 2]` pads the last dim by 1 before and 2 after, `[1, 1, 2, 2]` also the
 * second-to-last by 2. Constant padding may be negative (it crops). Built from narrow, flip, expand
 * and cat, so it is differentiable without a rule of its own.
 *
 * @example
 * pad(x, [1, 1, 1, 1], { mode: 'reflect' }); // [N, C, H + 2, W + 2]
 */
export function pad(input: Tensor, pads: readonly number[], options: PadOptions = {}): Tensor {
  const mode = options.mode ?? 'constant';
  const value = options.value ?? 0;
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(mode)) {
    throw new RangeError(`Unrecognised padding mode ${String(mode)}`);
  }
  if (pads.length % 2 !== 0) throw new RangeError('Padding length must be divisible by 2');
  if (pads.length / 2 > input.ndim) throw new RangeError('Padding length too large');
  for (const p of pads) if (!Number.isSafeInteger(p)) throw new TypeError(`pad: padding must hold integers, got ${String(p)}`);
  if (mode !== 'constant') {
    if (value !== 0) throw new RangeError(`Padding mode "${mode}"" doesn't take in value argument`);
    const spatial = pads.length / 2;
    if (input.ndim < spatial + 1 || spatial > 3) {
      throw new RangeError(`Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now`);
    }
  }
  // Validate every dim before building anything.
  for (let k = 0; k < pads.length / 2; k++) {
    const dim = input.ndim - 1 - k;
    const size = input.shape[dim] as number;
    const [before, after] = [pads[2 * k] as number, pads[2 * k + 1] as number];
    if (mode === 'constant') {
      if (size + before + after < 0 || (size + before + after === 0 && size !== 0)) {
        throw new RangeError(`The input size ${size}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${dim} of your input.`);
      }
    } else if (mode === 'reflect' && (before >= size || after >= size || before < 0 || after < 0)) {
      throw new RangeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${dim} of input ${list(input.shape)}`);
    } else if (mode === 'circular' && (before > size || after > size || before < 0 || after < 0)) {
      throw new RangeError('Padding value causes wrapping around more than once.');
    } else if (mode === 'replicate' && (before < 0 || after < 0 || size === 0)) {
      throw new RangeError(`pad: replicate padding needs a non-empty dim ${dim} and non-negative padding, got size ${size} and padding (${before}, ${after})`);
    }
  }
  let out = input;
  for (let k = 0; k < pads.length / 2; k++) {
    const dim = input.ndim - 1 - k;
    out = padDim(out, dim, pads[2 * k] as number, pads[2 * k + 1] as number, mode, value);
  }
  return out;
}

/** Pads one dim by `before` and `after` entries. */
function padDim(x: Tensor, dim: number, before: number, after: number, mode: PaddingMode, value: number): Tensor {
  if (before === 0 && after === 0) return x;
  const size = x.shape[dim] as number;
  if (mode === 'constant') {
    // Negative amounts crop first; positive ones add constant blocks.
    const start = Math.max(0, -before);
    const inner = x.narrow(dim, start, size - start - Math.max(0, -after));
    const block = (n: number): Tensor => {
      const shape = [...inner.shape];
      shape[dim] = n;
      return full(shape, value, { dtype: x.dtype, device: x.device });
    };
    const parts: Tensor[] = [];
    if (before > 0) parts.push(block(before));
    parts.push(inner);
    if (after > 0) parts.push(block(after));
    return parts.length === 1 ? inner : cat(parts, dim);
  }
  const parts: Tensor[] = [];
  if (before > 0) {
    if (mode === 'reflect') parts.push(x.narrow(dim, 1, before).flip([dim]));
    else if (mode === 'circular') parts.push(x.narrow(dim, size - before, before));
    else parts.push(expandAlong(x.narrow(dim, 0, 1), dim, before));
  }
  parts.push(x);
  if (after > 0) {
    if (mode === 'reflect') parts.push(x.narrow(dim, size - 1 - after, after).flip([dim]));
    else if (mode === 'circular') parts.push(x.narrow(dim, 0, after));
    else parts.push(expandAlong(x.narrow(dim, size - 1, 1), dim, after));
  }
  return cat(parts, dim);
}

function expandAlong(edge: Tensor, dim: number, n: number): Tensor {
  const shape = [...edge.shape];
  shape[dim] = n;
  return edge.expand(shape);
}
