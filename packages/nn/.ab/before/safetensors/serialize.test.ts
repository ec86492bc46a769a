import { describe, expect, it } from 'vitest';
import { serialize } from './serialize';
import { parseSafetensors } from './parse';
import type { TensorLike, TypedArray } from './tensor-like';

function contiguous(data: TypedArray, shape: number[]): TensorLike {
  const strides: number[] = [];
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d]!;
  }
  const dtype = data instanceof Float32Array ? 'float32' : data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int32' : 'bool';
  return { shape, strides, offset: 0, dtype, storage: { data } };
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('serialize', () => {
  // The three byte vectors below are the reference writer's own unit tests
  // (huggingface/safetensors, safetensors/src/tensor.rs: test_serialization, test_empty,
  // test_serialization_forced_alignement), written out by hand from the format description.
  it('writes a float32 tensor exactly as the reference writer', () => {
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    expect(header.length).toBe(64);
    const want = [64, 0, 0, 0, 0, 0, 0, 0, ...ascii(header)];
    // 0, 1, 2, 3, 4, 5 as little-endian float32
    want.push(0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
    const got = serialize({ 'attn.0': contiguous(new Float32Array([0, 1, 2, 3, 4, 5]), [1, 2, 3]) });
    expect([...got]).toEqual(want);
  });

  // Python's own writer: bindings/python/tests/test_pt.py (huggingface/safetensors) asserts these
  // exact bytes for `safetensors.torch.save`; matching them means Python reads our files as its own.
  it.each([
    ['int32', new Int32Array([0, 0, 0, 1]), 'I32', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]],
    ['float32', new Float32Array(4), 'F32', new Array<number>(16).fill(0)],
  ] as const)('writes a 2×2 %s tensor as Python safetensors.torch.save does', (_label, data, dtype, body) => {
    const header = `{"test":{"dtype":"${dtype}","shape":[2,2],"data_offsets":[0,16]}}    `;
    expect(header.length).toBe(64); // '@'
    expect([...serialize({ test: contiguous(data, [2, 2]) })]).toEqual([64, 0, 0, 0, 0, 0, 0, 0, ...ascii(header), ...body]);
  });

  it('reads the bfloat16 file Python safetensors.torch.save writes for ones((2, 2)) with [0, 0] = 2.25', () => {
    const bytes = new Uint8Array([64, 0, 0, 0, 0, 0, 0, 0, ...ascii('{"test":{"dtype":"BF16","shape":[2,2],"data_offsets":[0,8]}}    '), 0x10, 0x40, 0x80, 0x3f, 0x80, 0x3f, 0x80, 0x3f]);
    const [t] = parseSafetensors(bytes).tensors;
    expect(t!.shape).toEqual([2, 2]);
    expect([...t!.data]).toEqual([2.25, 1, 1, 1]);
  });

  it('pads the header with spaces to a multiple of 8 bytes', () => {
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}';
    const got = serialize({ attn0: contiguous(new Float32Array([0, 1, 2, 3, 4, 5]), [1, 1, 2, 3]) });
    expect([...got.subarray(0, 8 + 72)]).toEqual([72, 0, 0, 0, 0, 0, 0, 0, ...ascii(header), ...ascii('       ')]);
  });

  it.each([
    ['no tensors', undefined, '{}      '],
    ['metadata only', { framework: 'pt' }, '{"__metadata__":{"framework":"pt"}}     '],
  ])('writes %s as the reference writer', (_label, metadata, header) => {
    const got = serialize({}, metadata === undefined ? {} : { metadata });
    expect([...got]).toEqual([header.length, 0, 0, 0, 0, 0, 0, 0, ...ascii(header)]);
  });

  it('orders tensors by descending dtype alignment, then by name', () => {
    const bytes = serialize({
      b: contiguous(new Float32Array([1]), [1]),
      flag: contiguous(new Uint8Array([1]), [1]),
      a: contiguous(new Float32Array([2]), [1]),
      wide: contiguous(new Float64Array([3]), [1]),
      count: contiguous(new Int32Array([4]), [1]),
    });
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)).trimEnd();
    expect(Object.keys(JSON.parse(header) as object)).toEqual(['wide', 'a', 'b', 'count', 'flag']);
  });

  it('writes a strided view in row-major order', () => {
    // storage [[0, 1, 2], [3, 4, 5]]; its transpose [[0, 3], [1, 4], [2, 5]] flattens to 0 3 1 4 2 5
    const transposed: TensorLike = { shape: [3, 2], strides: [1, 3], offset: 0, dtype: 'float64', storage: { data: new Float64Array([0, 1, 2, 3, 4, 5]) } };
    const [t] = parseSafetensors(serialize({ t: transposed })).tensors;
    expect(t!.shape).toEqual([3, 2]);
    expect([...t!.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it.each([
    ['float32', new Float32Array([0, 1, 2, 3, 4, 5])],
    ['int32', new Int32Array([0, 1, 2, 3, 4, 5])],
  ] as const)('writes a strided %s view (the element-by-element path)', (dtype, data) => {
    const view: TensorLike = { shape: [2, 2], strides: [1, 2], offset: 1, dtype, storage: { data } };
    // elements at 1 + i + 2j: [[1, 3], [2, 4]]
    const [t] = parseSafetensors(serialize({ t: view })).tensors;
    expect([...t!.data]).toEqual([1, 3, 2, 4]);
  });

  it('round-trips every dtype, a 0-d tensor and an empty tensor', () => {
    const bytes = serialize(
      {
        f32: contiguous(new Float32Array([1.5, -0, Infinity, NaN]), [2, 2]),
        f64: contiguous(new Float64Array([Math.PI]), []),
        i32: contiguous(new Int32Array([-(2 ** 31), 2 ** 31 - 1]), [2]),
        bool: contiguous(new Uint8Array([1, 0, 1]), [3]),
        empty: contiguous(new Float32Array(0), [0, 4]),
      },
      { metadata: { format: 'pt', note: 'é ✓' } },
    );
    const parsed = parseSafetensors(bytes);
    expect(parsed.metadata).toEqual({ format: 'pt', note: 'é ✓' });
    const byName = Object.fromEntries(parsed.tensors.map((t) => [t.name, t]));
    expect(byName.f32!.data).toEqual(new Float32Array([1.5, -0, Infinity, NaN]));
    expect(Object.is(byName.f32!.data[1], -0)).toBe(true);
    expect(byName.f64!.shape).toEqual([]);
    expect(byName.f64!.data).toEqual(new Float64Array([Math.PI]));
    expect(byName.i32!.data).toEqual(new Int32Array([-(2 ** 31), 2 ** 31 - 1]));
    expect(byName.bool!.dtype).toBe('bool');
    expect(byName.bool!.data).toEqual(new Uint8Array([1, 0, 1]));
    expect(byName.empty!.shape).toEqual([0, 4]);
    expect(byName.empty!.data.length).toBe(0);
  });

  it.each([
    ['a number', 5, 'number'],
    ['null', null, 'null'],
    ['a plain array', [1, 2], 'Array'],
    ['an unknown dtype', { shape: [1], strides: [1], offset: 0, dtype: 'int64', storage: { data: new Int32Array(1) } }, 'Object'],
    ['storage of the wrong kind', { shape: [1], strides: [1], offset: 0, dtype: 'float32', storage: { data: new Float64Array(1) } }, 'Object'],
  ])('rejects %s with a clear TypeError', (_label, value, got) => {
    expect(() => serialize({ w: value as unknown as TensorLike })).toThrow(
      new TypeError(`safetensors: 'w' is not a tensor of dtype float32, float64, int32 or bool (got ${got})`),
    );
  });

  it('rejects a tensor named __metadata__', () => {
    expect(() => serialize({ __metadata__: contiguous(new Float32Array(1), [1]) })).toThrow(
      new Error(`safetensors: '__metadata__' is reserved and cannot name a tensor`),
    );
  });
});
