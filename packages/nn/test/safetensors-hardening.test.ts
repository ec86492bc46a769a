/**
 * Hostile and misused safetensors I/O: a header of a million zero-size tensors is refused before
 * it is parsed (it took 12 s and 2 GB), wrong-kind input names the argument, a save into a
 * missing folder names the target, and temporaries of killed writers are cleaned up by the next
 * save to the same target (a real child process killed with SIGKILL mid-write).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deserialize, parseSafetensors } from '../src/index';
import { loadFile, saveFile } from '../src/node';

const weight = { shape: [2], strides: [1], offset: 0, dtype: 'float32' as const, storage: { data: new Float32Array([1, 2]) } };

/**
 * A file whose header lists `n` zero-size F32 tensors (the hostile file: n = 1.6 million,
 * 89 MB), written entry by entry into one buffer (names of fixed width, so every entry is alike).
 */
function zeroSizeTensors(n: number): Uint8Array {
  const width = String(n).length;
  const encoder = new TextEncoder();
  const template = encoder.encode(`,"t${'0'.repeat(width)}":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}`);
  const headerLength = 2 + n * template.length - 1;
  const out = new Uint8Array(8 + headerLength);
  new DataView(out.buffer).setUint32(0, headerLength, true);
  out[8] = 0x7b; // {
  let at = 9;
  for (let i = 0; i < n; i++) {
    const entry = i === 0 ? template.subarray(1) : template;
    out.set(entry, at);
    const digits = String(i).padStart(width, '0');
    const nameAt = at + (i === 0 ? 2 : 3);
    for (let d = 0; d < width; d++) out[nameAt + d] = digits.charCodeAt(d);
    at += entry.length;
  }
  out[at] = 0x7d; // }
  return out;
}

describe('the safetensors reader bounds its work', () => {
  it('refuses 1.6 million zero-size tensors (89 MB) quickly and without building them', () => {
    const bytes = zeroSizeTensors(1_600_000);
    expect(bytes.length).toBeGreaterThan(85_000_000);
    const heap = process.memoryUsage().heapUsed;
    const start = performance.now();
    expect(() => deserialize(bytes)).toThrow(new Error('safetensors: header holds more entries than the limit of 100000 tensors (raise it with the maxTensors option)'));
    // One linear pass over the header: well under a second here (it was 12 s and 2 GB).
    expect(performance.now() - start).toBeLessThan(3000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300_000_000);
  }, 60_000);

  it('still reads many tensors below the limit, and the limit can be raised or lowered', () => {
    const bytes = zeroSizeTensors(5000);
    expect(Object.keys(deserialize(bytes))).toHaveLength(5000);
    expect(() => parseSafetensors(bytes, { maxTensors: 4999 })).toThrow('safetensors: header holds more entries than the limit of 4999 tensors');
    expect(parseSafetensors(zeroSizeTensors(3), { maxTensors: 3 }).tensors).toHaveLength(3);
  });

  it('counts brackets inside names as text, not as entries', () => {
    const name = '[{'.repeat(50);
    const header = new TextEncoder().encode(JSON.stringify({ [name]: { dtype: 'F32', shape: [0], data_offsets: [0, 0] } }));
    const bytes = new Uint8Array(8 + header.length);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 8);
    expect(Object.keys(parseSafetensors(bytes, { maxTensors: 1 }).tensors)).toHaveLength(1);
  });

  it('time grows linearly with the number of entries', () => {
    const time = (n: number): number => {
      const bytes = zeroSizeTensors(n);
      const start = performance.now();
      parseSafetensors(bytes, { maxTensors: n });
      return performance.now() - start;
    };
    time(1000); // warm up
    const small = Math.min(time(4000), time(4000));
    const large = Math.min(time(32_000), time(32_000));
    // 8× the entries: linear is ~8× (a sort adds log n); quadratic would be ~64×.
    expect(large / small).toBeLessThan(24);
  }, 60_000);

  it('refuses a shape of more than 64 dimensions', () => {
    const header = new TextEncoder().encode(JSON.stringify({ w: { dtype: 'F32', shape: new Array(65).fill(1), data_offsets: [0, 4] } }));
    const bytes = new Uint8Array(8 + header.length + 4);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 8);
    expect(() => parseSafetensors(bytes)).toThrow("safetensors: tensor 'w' has an invalid shape an array of 65 items");
  });
});

describe('wrong-kind input names the argument', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ["'abc'", 'abc', 'string'],
    ['a number', 5, 'number'],
    ['an array of bytes', [1, 2, 3], 'Array'],
    ['a DataView', new DataView(new ArrayBuffer(8)), 'DataView'],
  ])('deserialize(%s)', (_label, value, kind) => {
    expect(() => deserialize(value as Uint8Array)).toThrow(new TypeError(`deserialize: argument 'bytes' must be a Uint8Array or an ArrayBuffer of a safetensors file, got ${kind}`));
  });

  it('deserialize still takes an ArrayBuffer', () => {
    expect(() => deserialize(new ArrayBuffer(3))).toThrow('safetensors: file too short: need at least 8 bytes for the header length, got 3');
  });
});

describe('saveFile', () => {
  let folder: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'descent-nn-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('names the target (not only its temporary) when the folder is missing', () => {
    const path = join(folder, 'missing-folder', 'model.safetensors');
    let error: unknown;
    try {
      saveFile({ w: weight }, path);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(new RegExp(`^saveFile: cannot write '${path.replace(/[.]/g, '\\.')}': ENOENT`));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it.each([null, 5, '', {}])('refuses a path of %j naming the argument', (path) => {
    expect(() => saveFile({ w: weight }, path as string)).toThrow(TypeError);
    expect(() => saveFile({ w: weight }, path as string)).toThrow(/^saveFile: argument 'path' must be a non-empty string/);
  });

  it("cleans up a killed writer's temporary on the next save, and leaves a live writer's alone", async () => {
    const path = join(folder, 'model.safetensors');
    const script = fileURLToPath(new URL('./fixtures/save-forever.ts', import.meta.url));
    const writer = spawn(process.execPath, ['--conditions=@descent/source', '--import', 'tsx', script, path], { stdio: 'ignore' });
    children.push(writer);
    const temporaryOf = (pid: number): string[] => readdirSync(folder).filter((n) => n.startsWith(`.model.safetensors.${pid}.`) && n.endsWith('.tmp'));
    // Kill it while a temporary exists (mid-write).
    const deadline = Date.now() + 30_000;
    while (temporaryOf(writer.pid!).length === 0) {
      if (Date.now() > deadline) throw new Error('the writer never started a save');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));
    const left = temporaryOf(writer.pid!);
    expect(left).toHaveLength(1); // the litter issue #22 describes

    // A live writer's temporary (a sleeping process's pid in the name) must survive.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(live);
    const liveTemporary = join(folder, `.model.safetensors.${live.pid}.abcdef012345.tmp`);
    writeFileSync(liveTemporary, 'being written');

    saveFile({ w: weight }, path);
    expect(temporaryOf(writer.pid!)).toEqual([]);
    expect(existsSync(liveTemporary)).toBe(true);
    expect([...(loadFile(path).w!.toTypedArray())]).toEqual([1, 2]);

    live.kill('SIGKILL');
    await new Promise((resolve) => live.once('exit', resolve));
    saveFile({ w: weight }, path);
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  }, 60_000);
});
