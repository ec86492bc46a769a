import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(src, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('code shared with the page', () => {
  it.each([...sources('chapters'), ...sources('charts'), ...sources('web')])(
    '%s imports no Node built-in',
    (file) => {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text).not.toMatch(/from '(node:|fs|path|os|child_process|url|module)'/);
      expect(text).not.toMatch(/\bprocess\./);
    },
  );
});
