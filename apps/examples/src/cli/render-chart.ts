import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../chapters/chapter';

const require = createRequire(import.meta.url);

/**
 * The only fonts resvg gets, so PNGs come out the same on a bare machine: DejaVu Sans (from the
 * `dejavu-fonts-ttf` package) and Noto Sans SC cut down to ASCII plus the app's Chinese characters
 * (`assets/fonts`, made by `scripts/subset-cjk-font.mjs`).
 */
export const FONT_FILES = [
  ...['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
    require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
  ),
  ...['Regular', 'Bold'].map((w) =>
    fileURLToPath(new URL(`../../assets/fonts/NotoSansSC-${w}-subset.ttf`, import.meta.url)),
  ),
];

/**
 * Font families of the files rendered in Node. Chinese labels use Noto Sans SC first: resvg's
 * per-glyph fallback ignores the weight, so a bold title must find its Chinese glyphs in the first
 * family; characters the subset lacks (β, ∂, subscripts) fall back to DejaVu Sans.
 */
const NODE_FONT: Record<Lang, string> = {
  en: 'DejaVu Sans, sans-serif',
  zh: 'Noto Sans SC, DejaVu Sans, sans-serif',
};

/** Vega's text metrics (exported by vega-scenegraph, not in vega's typings). */
interface TextMetrics {
  width: (item: { fontSize?: number | string }, text?: unknown) => number;
}
const CJK_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/**
 * Without a canvas, vega estimates every character at 0.8 em, which clips Chinese legends and
 * titles (a CJK glyph is a full em). Same estimate otherwise, so English layout is unchanged.
 */
(vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = (item, text) => {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  // Vega passes a line of text (a string or a number) or the lines of a multi-line label.
  const value = Array.isArray(text)
    ? text.join(' ')
    : typeof text === 'string' || typeof text === 'number'
      ? String(text)
      : '';
  let ems = 0;
  for (const ch of value.trim()) ems += CJK_CHAR.test(ch) ? 1.05 : 0.8;
  return Math.floor(ems * size);
};

/** Renders a Vega-Lite spec to an SVG string, headless (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec, lang: Lang = 'en'): Promise<string> {
  const withFont = { ...spec, config: { ...spec.config, font: NODE_FONT[lang] } } as TopLevelSpec;
  const compiled = compile(withFont).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Rasterises an SVG to PNG with resvg, using only the bundled fonts. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
