/**
 * The WGSL walk shared by the kernels that read through strides with one thread per output element
 * (gather, scatter-add, slice-scatter): the thread's linear index `i` is taken apart into coordinates,
 * last dimension first, and each offset accumulates coordinate × stride. One dimension, `dim`, has
 * its own rule for the coordinate it contributes (an index read from a tensor, a slice's step, …).
 */

/** One offset the walk declares and accumulates, dimension by dimension. */
export interface WalkOffset {
  /** The WGSL `var` it declares, e.g. `off`. */
  readonly name: string;
  /** Its initial value, a WGSL i32 expression (e.g. a view's storage offset). */
  readonly start: string;
  /** Dimension `d`'s stride, a WGSL i32 expression in `d` and `rank` (e.g. `dims[7 + rank + d]`). */
  readonly stride: string;
  /**
   * Whether the special dimension's rule applies: the offset then adds `k` (the rule's coordinate),
   * otherwise the plain coordinate `c` in every dimension.
   */
  readonly ruled: boolean;
}

/** What a kernel's walk is made of. */
export interface IndexWalk {
  /** Dimension `d`'s size, a WGSL i32 expression in `d` and `rank` (e.g. `dims[7 + d]`). */
  readonly size: string;
  /** The offsets to accumulate, in order. */
  readonly offsets: readonly WalkOffset[];
  /**
   * WGSL statements run when `d == dim`: they see the coordinate `c` and set `var k` (initially `c`),
   * the coordinate the ruled offsets add in that dimension; they may also clear a flag of the kernel's.
   */
  readonly rule: string;
}

/**
 * The walk as WGSL statements, for the body of a kernel that has declared `i` (the linear output
 * index), `rank` and `dim`. It declares the offsets and `rem`, and leaves each offset holding
 * Σ_d (k or c) × stride(d).
 *
 * @example
 * const walk = indexWalk({ size: 'dims[4 + d]', offsets: [{ name: 'off', start: 'dims[3]', stride: 'dims[4 + rank + d]', ruled: true }], rule: 'k = idx[i];' });
 */
export function indexWalk(walk: IndexWalk): string {
  const declare = walk.offsets.map((o) => `var ${o.name} = ${o.start};`).join('\n  ');
  const add = walk.offsets.map((o) => `${o.name} += ${o.ruled ? 'k' : 'c'} * ${o.stride};`).join('\n    ');
  return `${declare}
  var rem = i32(i);
  for (var d = rank - 1; d >= 0; d--) {
    let extent = ${walk.size};
    let c = rem % extent;
    rem = rem / extent;
    var k = c;
    if (d == dim) {
      ${walk.rule}
    }
    ${add}
  }`;
}
