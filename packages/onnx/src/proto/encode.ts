import protobuf from 'protobufjs/light.js';
import { ONNX_DESCRIPTOR } from './onnx-descriptor';

/** An ONNX attribute value as the exporter writes it. */
export type AttributeValue =
  | number
  | string
  | readonly number[]
  | { ints: readonly number[] }
  | { float: number }
  | { strings: readonly string[] };

/** One tensor of the graph's initializers (row-major little-endian bytes). */
export interface InitializerSpec {
  name: string;
  /** ONNX TensorProto.DataType: 1 float, 6 int32, 7 int64, 9 bool, 11 double. */
  dataType: number;
  dims: readonly number[];
  rawData: Uint8Array;
}

/** One graph input or output: its element type and its dimensions (a string is a symbolic size). */
export interface ValueInfoSpec {
  name: string;
  dataType: number;
  dims: readonly (number | string)[];
}

/** One operator node. */
export interface NodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name: string;
  attributes: Readonly<Record<string, AttributeValue>>;
}

/** Everything an ONNX model file holds that the exporter fills in. */
export interface ModelSpec {
  opsetVersion: number;
  producerVersion: string;
  graphName: string;
  nodes: readonly NodeSpec[];
  initializers: readonly InitializerSpec[];
  inputs: readonly ValueInfoSpec[];
  outputs: readonly ValueInfoSpec[];
}

/** ONNX IR version 8 (ONNX 1.10 – 1.12, opsets up to 17). */
const IR_VERSION = 8;

let root: protobuf.Root | undefined;

/** The `onnx.ModelProto` message type, loaded once from the generated descriptor. */
function modelProto(): protobuf.Type {
  root ??= protobuf.Root.fromJSON(ONNX_DESCRIPTOR as unknown as protobuf.INamespace);
  return root.lookupType('onnx.ModelProto');
}

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7, STRINGS: 8 } as const;

function attribute(name: string, value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { name, type: ATTRIBUTE_TYPE.INT, i: value }
      : { name, type: ATTRIBUTE_TYPE.FLOAT, f: value };
  }
  if (typeof value === 'string')
    return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value) };
  if ('float' in value) return { name, type: ATTRIBUTE_TYPE.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...value.ints] };
  if ('strings' in value)
    return {
      name,
      type: ATTRIBUTE_TYPE.STRINGS,
      strings: value.strings.map((v) => new TextEncoder().encode(v)),
    };
  return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...value] };
}

function valueInfo(spec: ValueInfoSpec): Record<string, unknown> {
  return {
    name: spec.name,
    type: {
      tensor_type: {
        elem_type: spec.dataType,
        shape: {
          dim: spec.dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })),
        },
      },
    },
  };
}

/** The bytes of an ONNX ModelProto (protobuf wire format, via protobufjs and onnx.proto). */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const type = modelProto();
  const message = type.fromObject({
    ir_version: IR_VERSION,
    producer_name: 'descent',
    producer_version: spec.producerVersion,
    opset_import: [{ domain: '', version: spec.opsetVersion }],
    graph: {
      name: spec.graphName,
      node: spec.nodes.map((n) => ({
        op_type: n.opType,
        name: n.name,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attributes).map(([k, v]) => attribute(k, v)),
      })),
      initializer: spec.initializers.map((t) => ({
        name: t.name,
        data_type: t.dataType,
        dims: [...t.dims],
        raw_data: t.rawData,
      })),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  });
  return type.encode(message).finish();
}
