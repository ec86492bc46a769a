import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic } from './write-atomic';

const dir = mkdtempSync(join(tmpdir(), 'descent-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('creates folders, replaces the file and leaves no temporary file', () => {
    const path = join(dir, 'a', 'b', 'f.txt');
    writeAtomic(path, 'one');
    writeAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['f.txt']);
  });
});
