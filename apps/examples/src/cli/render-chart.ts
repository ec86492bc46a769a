import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const require = createRequire(import.meta.url);

/** DejaVu Sans from the `dejavu-fonts-ttf` package: PNG text renders the same on a bare machine. */
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
);

/** Font family names used in files rendered in Node (the only font given to resvg). */
const NODE_FONT = 'DejaVu Sans';

/** Renders a Vega-Lite spec to an SVG string, headless (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const withFont = { ...spec, config: { ...spec.config, font: NODE_FONT } } as TopLevelSpec;
  const compiled = compile(withFont).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Rasterises an SVG to PNG with resvg, using only the bundled DejaVu fonts. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: NODE_FONT,
      sansSerifFamily: NODE_FONT,
    },
  });
  return resvg.render().asPng();
}
