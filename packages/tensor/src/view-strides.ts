/**
 * Strides for viewing a strided tensor under a new shape without copying, or null when the memory
 * layout does not allow it (PyTorch's `computeStride`: each group of old dimensions that merges or
 * splits into new ones must be contiguous within itself).
 */
export function viewStrides(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  // A 0-d tensor views like a one-element contiguous one.
  if (oldShape.length === 0) return viewStrides([1], [1], newShape);
  const numel = oldShape.reduce((a, b) => a * b, 1);
  const newStrides = new Array<number>(newShape.length).fill(0);
  if (numel === 0) {
    // Any shape with zero elements can be viewed: use contiguous strides.
    let s = 1;
    for (let i = newShape.length - 1; i >= 0; i--) {
      newStrides[i] = s;
      s *= Math.max(newShape[i] as number, 1);
    }
    return newStrides;
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD] as number;
    const atChunkEnd =
      tensorD === 0 ||
      ((oldShape[tensorD - 1] as number) !== 1 &&
        (oldStrides[tensorD - 1] as number) !== tensorNumel * chunkBaseStride);
    if (atChunkEnd) {
      while (viewD >= 0 && (viewNumel < tensorNumel || (newShape[viewD] as number) === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD] as number;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1] as number;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}
