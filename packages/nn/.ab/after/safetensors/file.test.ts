import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveFile } from './file';
import { parseSafetensors } from './parse';
import type { TensorLike } from './tensor-like';

const weight: TensorLike = { shape: [2], strides: [1], offset: 0, dtype: 'float32', storage: { data: new Float32Array([1, 2]) } };

describe('saveFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'descent-nn-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('replaces an existing file and leaves no temporary file behind', () => {
    const path = join(folder, 'model.safetensors');
    writeFileSync(path, 'old contents');
    saveFile({ w: weight }, path, { metadata: { format: 'pt' } });
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
    const parsed = parseSafetensors(readFileSync(path));
    expect(parsed.metadata).toEqual({ format: 'pt' });
    expect([...parsed.tensors[0]!.data]).toEqual([1, 2]);
  });

  it('keeps the old file whole when the new contents cannot be encoded', () => {
    const path = join(folder, 'model.safetensors');
    writeFileSync(path, 'old contents');
    expect(() => saveFile({ w: weight, bad: 3 as unknown as TensorLike }, path)).toThrow(TypeError);
    expect(readFileSync(path, 'utf8')).toBe('old contents');
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  });

  it('removes its temporary file when the rename fails (the target is a folder)', () => {
    const path = join(folder, 'taken');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    expect(() => saveFile({ w: weight }, path)).toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(readdirSync(folder)).toEqual(['taken']);
    expect(readdirSync(path)).toEqual(['inside']);
  });

  it('throws and leaves no temporary file when the folder does not exist', () => {
    const path = join(folder, 'missing-folder', 'model.safetensors');
    expect(() => saveFile({ w: weight }, path)).toThrow(/ENOENT/);
    expect(readdirSync(folder)).toEqual([]);
  });
});
