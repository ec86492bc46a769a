import type { Tensor } from '@descent/autograd';
import type { AttributeValue, InitializerSpec, NodeSpec } from './proto/encode';

/** ONNX TensorProto.DataType of each Descent dtype. */
export const ONNX_DTYPE: Readonly<Record<string, number>> = {
  float32: 1,
  int32: 6,
  bool: 9,
  float64: 11,
};
const INT64 = 7;

/** The little-endian bytes of a typed array (a copy). */
function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

/**
 * The ONNX graph under construction: nodes in execution order, initializers (weights and
 * constants), and the ONNX value name of each traced Descent tensor.
 */
export class GraphBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: InitializerSpec[] = [];
  readonly opset: number;
  readonly #names = new Set<string>();
  readonly #values = new Map<Tensor, string>();
  readonly #initialized = new Map<Tensor, string>();

  constructor(opset: number) {
    this.opset = opset;
  }

  /** A value name not used yet, from `base`. */
  unique(base: string): string {
    const clean = base.length > 0 ? base : 'v';
    let name = clean;
    for (let i = 1; this.#names.has(name); i++) name = `${clean}_${i}`;
    this.#names.add(name);
    return name;
  }

  /** Reserves `name` exactly (graph inputs and outputs); throws if it is taken. */
  reserve(name: string, what: string): string {
    if (this.#names.has(name)) throw new Error(`exportOnnx: ${what} '${name}' is used twice`);
    this.#names.add(name);
    return name;
  }

  /** The ONNX name of a traced tensor, or undefined. */
  lookup(t: Tensor): string | undefined {
    return this.#values.get(t);
  }

  /** Records that `t` is the value `name`. */
  bind(t: Tensor, name: string): void {
    this.#values.set(t, name);
  }

  /** Appends a node with `outputs` fresh outputs named after `hint`; returns their names. */
  nodeN(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>>,
    hint: string,
    outputs: number,
  ): string[] {
    const names = Array.from({ length: outputs }, (_, i) =>
      this.unique(outputs === 1 ? hint : `${hint}_${i}`),
    );
    this.nodes.push({
      opType,
      inputs,
      outputs: names,
      name: this.unique(`${hint}/${opType}`),
      attributes,
    });
    return names;
  }

  /** Appends a one-output node; returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    hint: string,
    attributes: Readonly<Record<string, AttributeValue>> = {},
  ): string {
    return this.nodeN(opType, inputs, attributes, hint, 1)[0] as string;
  }

  /** A tensor as an initializer named `name` (once per tensor object). */
  tensor(t: Tensor, name: string): string {
    const known = this.#initialized.get(t);
    if (known !== undefined) return known;
    const dataType = ONNX_DTYPE[t.dtype];
    if (dataType === undefined)
      throw new Error(
        `exportOnnx: tensor '${name}' has dtype ${t.dtype}, which has no ONNX type here`,
      );
    const values = t.contiguous().toTypedArray();
    const unique = this.unique(name);
    this.initializers.push({
      name: unique,
      dataType,
      dims: [...t.shape],
      rawData: bytesOf(values),
    });
    this.#initialized.set(t, unique);
    return unique;
  }

  /** A float constant of `shape` (ONNX type 1 for float32, 11 for float64). */
  floats(
    values: readonly number[],
    shape: readonly number[],
    hint: string,
    dtype = 'float32',
  ): string {
    const array = dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
    const name = this.unique(hint);
    this.initializers.push({
      name,
      dataType: dtype === 'float64' ? 11 : 1,
      dims: [...shape],
      rawData: bytesOf(array),
    });
    return name;
  }

  /** A 1-d int64 constant (shapes, axes, pads). */
  int64s(values: readonly number[], hint: string): string {
    const name = this.unique(hint);
    this.initializers.push({
      name,
      dataType: INT64,
      dims: [values.length],
      rawData: bytesOf(BigInt64Array.from(values.map((v) => BigInt(v)))),
    });
    return name;
  }

  /** A scalar int64 constant (Range bounds, Gather indices). */
  int64(value: number, hint: string): string {
    const name = this.unique(hint);
    this.initializers.push({
      name,
      dataType: INT64,
      dims: [],
      rawData: bytesOf(BigInt64Array.of(BigInt(value))),
    });
    return name;
  }

  /** A scalar constant with the element type of `dtype`. */
  scalar(value: number, dtype: string, hint: string): string {
    if (dtype === 'int32') {
      const name = this.unique(hint);
      this.initializers.push({
        name,
        dataType: 6,
        dims: [],
        rawData: bytesOf(Int32Array.of(value)),
      });
      return name;
    }
    return this.floats([value], [], hint, dtype);
  }
}

/** Where a converter writes: the graph, the module path for names and errors. */
export interface ConvertContext {
  graph: GraphBuilder;
  /** The module's path in the model ('' for the root), e.g. `features.0`. */
  path: string;
  /** The initializer of one of the module's parameters or buffers (named by its state-dict key). */
  param(t: Tensor, name: string): string;
  /** Throws the exporter's unsupported-op error for this module. */
  unsupported(op: string, why?: string): never;
}

/** What a converter of a layer with structured arguments or results also needs. */
export interface StructuredContext extends ConvertContext {
  /** The ONNX name of a tensor argument (traced, a parameter, or embedded as a constant). */
  operand(t: Tensor): string;
  /** Records that a tensor of the layer's result is the ONNX value `name`. */
  bind(t: Tensor, name: string): void;
}
