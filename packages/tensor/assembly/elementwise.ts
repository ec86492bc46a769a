/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-unary-minus -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Contiguous element-wise kernels over wasm memory. Pointers are byte offsets; `n` counts elements.
// Each export is instantiated for f32 and f64 from one generic loop; `op` is a compile-time constant
// inside each inlined loop, so Binaryen folds the switch away.

export const OP_ADD = 0;
export const OP_SUB = 1;
export const OP_MUL = 2;
export const OP_DIV = 3;
export const OP_MAXIMUM = 4;
export const OP_MINIMUM = 5;

export const UN_NEG = 0;
export const UN_ABS = 1;
export const UN_SQRT = 2;
export const UN_RELU = 3;
export const UN_SQUARE = 4;
export const UN_RECIPROCAL = 5;

// Inlined helpers: @inline is only valid on methods for TypeScript tooling, hence the class.
class Ew {
  @inline static vbin<T>(op: i32, a: v128, b: v128): v128 {
    if (op == OP_ADD) return v128.add<T>(a, b);
    if (op == OP_SUB) return v128.sub<T>(a, b);
    if (op == OP_MUL) return v128.mul<T>(a, b);
    if (op == OP_DIV) return v128.div<T>(a, b);
    if (op == OP_MAXIMUM) return v128.max<T>(a, b);
    return v128.min<T>(a, b);
  }

  @inline static sbin<T>(op: i32, a: T, b: T): T {
    if (op == OP_ADD) return a + b;
    if (op == OP_SUB) return a - b;
    if (op == OP_MUL) return a * b;
    if (op == OP_DIV) return a / b;
    if (op == OP_MAXIMUM) return max<T>(a, b);
    return min<T>(a, b);
  }

  @inline static vun<T>(op: i32, a: v128): v128 {
    if (op == UN_NEG) return v128.neg<T>(a);
    if (op == UN_ABS) return v128.abs<T>(a);
    if (op == UN_SQRT) return v128.sqrt<T>(a);
    if (op == UN_RELU) return v128.max<T>(a, v128.splat<T>(<T>0));
    if (op == UN_SQUARE) return v128.mul<T>(a, a);
    return v128.div<T>(v128.splat<T>(<T>1), a);
  }

  @inline static sun<T>(op: i32, a: T): T {
    if (op == UN_NEG) return -a;
    if (op == UN_ABS) return abs<T>(a);
    if (op == UN_SQRT) return sqrt<T>(a);
    if (op == UN_RELU) return max<T>(a, <T>0);
    if (op == UN_SQUARE) return a * a;
    return <T>1 / a;
  }

  @inline static binaryLoop<T>(op: i32, a: usize, b: usize, out: usize, n: i32): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % (lanes * 2));
    let i = 0;
    for (; i < end; i += lanes * 2) {
      const o = <usize>i * sizeof<T>();
      v128.store(out + o, Ew.vbin<T>(op, v128.load(a + o), v128.load(b + o)));
      v128.store(out + o, Ew.vbin<T>(op, v128.load(a + o, 16), v128.load(b + o, 16)), 16);
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      store<T>(out + o, Ew.sbin<T>(op, load<T>(a + o), load<T>(b + o)));
    }
  }

  @inline static scalarLoop<T>(op: i32, a: usize, s: T, out: usize, n: i32): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    const vs = v128.splat<T>(s);
    let i = 0;
    for (; i < end; i += lanes) {
      const o = <usize>i * sizeof<T>();
      v128.store(out + o, Ew.vbin<T>(op, v128.load(a + o), vs));
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      store<T>(out + o, Ew.sbin<T>(op, load<T>(a + o), s));
    }
  }

  @inline static unaryLoop<T>(op: i32, a: usize, out: usize, n: i32): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    let i = 0;
    for (; i < end; i += lanes) {
      const o = <usize>i * sizeof<T>();
      v128.store(out + o, Ew.vun<T>(op, v128.load(a + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      store<T>(out + o, Ew.sun<T>(op, load<T>(a + o)));
    }
  }
}

function binary<T>(op: i32, a: usize, b: usize, out: usize, n: i32): void {
  switch (op) {
    case OP_ADD: Ew.binaryLoop<T>(OP_ADD, a, b, out, n); break;
    case OP_SUB: Ew.binaryLoop<T>(OP_SUB, a, b, out, n); break;
    case OP_MUL: Ew.binaryLoop<T>(OP_MUL, a, b, out, n); break;
    case OP_DIV: Ew.binaryLoop<T>(OP_DIV, a, b, out, n); break;
    case OP_MAXIMUM: Ew.binaryLoop<T>(OP_MAXIMUM, a, b, out, n); break;
    default: Ew.binaryLoop<T>(OP_MINIMUM, a, b, out, n);
  }
}

function binaryScalar<T>(op: i32, a: usize, s: T, out: usize, n: i32): void {
  switch (op) {
    case OP_ADD: Ew.scalarLoop<T>(OP_ADD, a, s, out, n); break;
    case OP_SUB: Ew.scalarLoop<T>(OP_SUB, a, s, out, n); break;
    case OP_MUL: Ew.scalarLoop<T>(OP_MUL, a, s, out, n); break;
    case OP_DIV: Ew.scalarLoop<T>(OP_DIV, a, s, out, n); break;
    case OP_MAXIMUM: Ew.scalarLoop<T>(OP_MAXIMUM, a, s, out, n); break;
    default: Ew.scalarLoop<T>(OP_MINIMUM, a, s, out, n);
  }
}

function unary<T>(op: i32, a: usize, out: usize, n: i32): void {
  switch (op) {
    case UN_NEG: Ew.unaryLoop<T>(UN_NEG, a, out, n); break;
    case UN_ABS: Ew.unaryLoop<T>(UN_ABS, a, out, n); break;
    case UN_SQRT: Ew.unaryLoop<T>(UN_SQRT, a, out, n); break;
    case UN_RELU: Ew.unaryLoop<T>(UN_RELU, a, out, n); break;
    case UN_SQUARE: Ew.unaryLoop<T>(UN_SQUARE, a, out, n); break;
    default: Ew.unaryLoop<T>(UN_RECIPROCAL, a, out, n);
  }
}

export function binary_f32(op: i32, a: usize, b: usize, out: usize, n: i32): void { binary<f32>(op, a, b, out, n); }
export function binary_f64(op: i32, a: usize, b: usize, out: usize, n: i32): void { binary<f64>(op, a, b, out, n); }
export function binary_scalar_f32(op: i32, a: usize, s: f32, out: usize, n: i32): void { binaryScalar<f32>(op, a, s, out, n); }
export function binary_scalar_f64(op: i32, a: usize, s: f64, out: usize, n: i32): void { binaryScalar<f64>(op, a, s, out, n); }
export function unary_f32(op: i32, a: usize, out: usize, n: i32): void { unary<f32>(op, a, out, n); }
export function unary_f64(op: i32, a: usize, out: usize, n: i32): void { unary<f64>(op, a, out, n); }
