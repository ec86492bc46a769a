import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serialize } from './serialize';
import { parseSafetensors } from './parse';

/** A file with the given header text (padded to 8) followed by `data`. */
function file(header: string, data: number[] = []): Uint8Array {
  const text = new TextEncoder().encode(header);
  const length = text.length + ((8 - (text.length % 8)) % 8);
  const out = new Uint8Array(8 + length + data.length).fill(0x20, 8, 8 + length);
  new DataView(out.buffer).setUint32(0, length, true);
  out.set(text, 8);
  out.set(data, 8 + length);
  return out;
}

const f32 = (name: string, shape: number[], begin: number, end: number) =>
  `"${name}":{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[${begin},${end}]}`;

describe('parseSafetensors', () => {
  it.each([
    ['an empty file', new Uint8Array(0), 'file too short: need at least 8 bytes for the header length, got 0'],
    ['a header length past the end', new Uint8Array([100, 0, 0, 0, 0, 0, 0, 0, 123, 125]), 'header length 100 exceeds the 2 bytes that follow it (truncated file?)'],
    ['a 2^63 header length', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 128]), 'header length 9223372036854776000 exceeds the 100000000-byte limit'],
    ['invalid UTF-8', new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe]), 'header is not valid UTF-8'],
    ['a header that is not an object', file('[1, 2]'), "header must be a JSON object starting with '{'"],
    ['a header that is not JSON', file('{"a":'), 'header is not valid JSON'],
    ['metadata that is not strings', file('{"__metadata__":{"epoch":3}}'), "__metadata__ value for 'epoch' is not a string"],
    ['an unknown dtype', file('{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]), "tensor 'w' has unsupported dtype \"C64\""],
    ['a negative dimension', file('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), "tensor 'w' has an invalid shape [-1]"],
    ['a deeply nested shape', file(`{"w":{"dtype":"F32","shape":${'['.repeat(100000)}${']'.repeat(100000)},"data_offsets":[0,0]}}`), "tensor 'w' has an invalid shape an array of 1 items"],
    ['a missing dtype', file('{"w":{"shape":[1],"data_offsets":[0,4]}}'), "tensor 'w' has unsupported dtype undefined"],
    ['a fractional offset', file('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4.5]}}'), "tensor 'w' has invalid data_offsets [0,4.5]"],
    ['reversed offsets', file('{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}'), "tensor 'w' has data_offsets [4, 0] that end before they begin"],
    ['a shape that does not match the bytes', file(`{${f32('w', [2], 0, 4)}}`, [0, 0, 0, 0]), "tensor 'w' of dtype F32 and shape [2] needs 8 bytes, but its data_offsets [0, 4] span 4"],
    ['a huge shape', file('{"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}'), "tensor 'w' has a shape too large to hold, got [4294967296, 4294967296]"],
    ['overlapping tensors', file(`{${f32('a', [2], 0, 8)},${f32('b', [1], 4, 8)}}`, [0, 0, 0, 0, 0, 0, 0, 0]), "tensor 'b' overlaps the previous tensor (data_offsets [4, 8])"],
    ['a gap between tensors', file(`{${f32('a', [1], 0, 4)},${f32('b', [1], 8, 12)}}`, new Array<number>(12).fill(0)), "gap in the data before tensor 'b' (bytes 4 to 8 belong to no tensor)"],
    ['data past the end', file(`{${f32('a', [4], 0, 16)}}`, [0, 0, 0, 0]), "tensor 'a' data_offsets [0, 16] run past the 4 data bytes (truncated file?)"],
    ['trailing bytes', file(`{${f32('a', [1], 0, 4)}}`, [0, 0, 0, 0, 9]), 'the tensors cover 4 data bytes but the file holds 5'],
  ])('rejects %s', (_label, bytes, message) => {
    expect(() => parseSafetensors(bytes)).toThrow(Error);
    expect(() => parseSafetensors(bytes)).toThrow(`safetensors: ${message}`);
  });

  it('rejects an I64 value that does not fit in int32', () => {
    const bytes = file('{"n":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}', [0, 0, 0, 0, 1, 0, 0, 0]);
    expect(() => parseSafetensors(bytes)).toThrow(new RangeError("safetensors: tensor 'n' (I64) holds 4294967296, which does not fit in int32"));
  });

  it.each([
    // float16 0x3c00 = 1, 0xc000 = -2, 0x0001 = 2^-24 (smallest subnormal), 0x7c00 = inf
    ['F16', [0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00, 0x00, 0x7c], [1, -2, 2 ** -24, Infinity], 'float32'],
    // bfloat16 0x3f80 = 1, 0x4049 = 3.140625
    ['BF16', [0x80, 0x3f, 0x49, 0x40], [1, 3.140625], 'float32'],
    ['I64', [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 7, 0, 0, 0, 0, 0, 0, 0], [-2, 7], 'int32'],
    ['U8', [255, 3], [255, 3], 'int32'],
    ['I8', [255, 3], [-1, 3], 'int32'],
  ])('widens %s', (dtype, data, want, wantDType) => {
    const size = { F16: 2, BF16: 2, I64: 8, U8: 1, I8: 1 }[dtype]!;
    const n = data.length / size;
    const bytes = file(`{"x":{"dtype":"${dtype}","shape":[${n}],"data_offsets":[0,${data.length}]}}`, data);
    const [x] = parseSafetensors(bytes).tensors;
    expect(x!.dtype).toBe(wantDType);
    expect([...x!.data]).toEqual(want);
  });

  it('takes null metadata as none, as the reference reader does', () => {
    expect(parseSafetensors(file(`{"__metadata__":null,${f32('a', [1], 0, 4)}}`, [0, 0, 128, 63])).metadata).toEqual({});
  });

  it('reads tensors stored in any order', () => {
    // b's bytes come first in the file although a is listed first in the header
    const bytes = file(`{${f32('a', [1], 4, 8)},${f32('b', [1], 0, 4)}}`, [0, 0, 128, 63, 0, 0, 0, 64]);
    const { tensors } = parseSafetensors(bytes);
    expect(tensors.map((t) => [t.name, t.data[0]])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  const sample = serialize(
    {
      '0.weight': { shape: [2, 3], strides: [3, 1], offset: 0, dtype: 'float32', storage: { data: new Float32Array([1, 2, 3, 4, 5, 6]) } },
      '0.bias': { shape: [2], strides: [1], offset: 0, dtype: 'float64', storage: { data: new Float64Array([7, 8]) } },
    },
    { metadata: { format: 'pt' } },
  );

  /** Parsing either succeeds within the file's size or throws an Error naming safetensors. */
  function checkParsesOrThrowsClearly(bytes: Uint8Array): void {
    try {
      const { tensors } = parseSafetensors(bytes);
      const held = tensors.reduce((sum, t) => sum + t.data.byteLength, 0);
      // Every element comes from the file's own bytes; widening (U8/I8 → int32 at most) stays
      // within four times the file, whatever the header claims.
      expect(held).toBeLessThanOrEqual(4 * bytes.length);
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^safetensors: /);
    }
  }

  it('only ever throws a clear Error on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => checkParsesOrThrowsClearly(bytes)), { numRuns: 2000 });
  });

  it('only ever throws a clear Error on random bytes behind a plausible header length', () => {
    const arbitrary = fc.uint8Array({ minLength: 0, maxLength: 200 }).map((rest) => {
      const out = new Uint8Array(8 + rest.length);
      new DataView(out.buffer).setUint32(0, Math.min(rest.length, rest[0] ?? 0), true);
      out.set(rest, 8);
      return out;
    });
    fc.assert(fc.property(arbitrary, (bytes) => checkParsesOrThrowsClearly(bytes)), { numRuns: 2000 });
  });

  it('rejects every truncation of a valid file', () => {
    for (let length = 0; length < sample.length; length++) {
      expect(() => parseSafetensors(sample.subarray(0, length))).toThrow(/^safetensors: /);
    }
    expect(parseSafetensors(sample).tensors).toHaveLength(2);
  });

  it('only ever throws a clear Error when bytes of a valid file are changed', () => {
    const arbitrary = fc.array(fc.tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const copy = sample.slice();
      for (const [at, value] of edits) copy[at] = value;
      return copy;
    });
    fc.assert(fc.property(arbitrary, (bytes) => checkParsesOrThrowsClearly(bytes)), { numRuns: 2000 });
  });
});
