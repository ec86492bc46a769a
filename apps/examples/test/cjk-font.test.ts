import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../src/cli/render-chart';

const src = new URL('../src/', import.meta.url).pathname;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/gu;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/**
 * The code points a TrueType font maps to a glyph other than .notdef, read from its `cmap` table
 * (formats 4 and 12, as the OpenType spec lays them out).
 */
function mappedCodePoints(font: Buffer): Set<number> {
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  const points = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + font.readUInt32BE(cmap + 4 + 8 * i + 4);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segs = font.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segs + 2;
      const deltas = starts + 2 * segs;
      const offsets = deltas + 2 * segs;
      for (let s = 0; s < segs; s++) {
        const end = font.readUInt16BE(ends + 2 * s);
        const start = font.readUInt16BE(starts + 2 * s);
        const delta = font.readInt16BE(deltas + 2 * s);
        const offset = font.readUInt16BE(offsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph =
            offset === 0
              ? (c + delta) & 0xffff
              : font.readUInt16BE(offsets + 2 * s + offset + 2 * (c - start));
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const rec = at + 16 + 12 * g;
        const [start, end] = [font.readUInt32BE(rec), font.readUInt32BE(rec + 4)];
        for (let c = start; c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

describe('the bundled Chinese font (assets/fonts, made by scripts/subset-cjk-font.mjs)', () => {
  const used = new Set<string>();
  for (const file of sources(src))
    for (const ch of readFileSync(file, 'utf8').match(CJK) ?? []) used.add(ch);

  it.each(FONT_FILES.filter((f) => f.includes('NotoSansSC')).map((f) => [f.split('/').pop(), f]))(
    '%s has a glyph for every Chinese character of src/ and for printable ASCII',
    (_name, file) => {
      const points = mappedCodePoints(readFileSync(file));
      // If this fails after adding Chinese text, re-run scripts/subset-cjk-font.mjs (see its header).
      const missing = [...used].filter((ch) => !points.has(ch.codePointAt(0) as number));
      expect(missing.join('')).toBe('');
      expect(used.size).toBeGreaterThan(100);
      for (let c = 0x21; c < 0x7f; c++) expect(points.has(c)).toBe(true);
    },
  );
});
