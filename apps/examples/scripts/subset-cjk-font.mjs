// Writes assets/fonts/NotoSansSC-{Regular,Bold}-subset.ttf: Noto Sans SC (SIL OFL 1.1) cut down to
// printable ASCII and the other characters that appear in src/ (the Chinese labels), so the CLI's
// Chinese PNGs render on any machine (resvg is given only bundled fonts) without a 10 MB font per
// weight. ASCII is kept so that bold titles mixing Latin and Chinese stay bold: resvg's per-glyph
// fallback ignores the weight.
//
// Re-run it after adding Chinese text to src/ (test/cjk-font.test.ts fails until you do):
//
//   mkdir /tmp/cjk && cd /tmp/cjk && npm init -y && npm install subset-font@2.9.0
//   npm pack @expo-google-fonts/noto-sans-sc@0.4.3 && tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
//   cd - && NODE_PATH=/tmp/cjk/node_modules node scripts/subset-cjk-font.mjs /tmp/cjk/package
//
// (`subset-font` is harfbuzz's hb-subset compiled to wasm; neither package is a dependency of the
// app, which only reads the committed subsets.)
/* global console, process, URL */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const fontsDir = process.argv[2];
if (!fontsDir)
  throw new Error(
    'usage: node scripts/subset-cjk-font.mjs <folder of @expo-google-fonts/noto-sans-sc>',
  );
const require = createRequire(join(process.env.NODE_PATH ?? process.cwd(), 'x.js'));
const subsetFont = require('subset-font');

/** CJK characters (the set test/cjk-font.test.ts checks the subsets cover). */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/gu;
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}
const chars = new Set();
for (const file of sources(join(here, 'src')))
  for (const ch of readFileSync(file, 'utf8').match(CJK) ?? []) chars.add(ch);
let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
const text = ascii + [...chars].sort().join('');

for (const [weight, file] of [
  ['Regular', '400Regular/NotoSansSC_400Regular.ttf'],
  ['Bold', '700Bold/NotoSansSC_700Bold.ttf'],
]) {
  const out = await subsetFont(readFileSync(join(fontsDir, file)), text, {
    targetFormat: 'truetype',
  });
  writeFileSync(join(here, 'assets/fonts', `NotoSansSC-${weight}-subset.ttf`), out);
  console.log(
    `NotoSansSC-${weight}-subset.ttf: ASCII + ${chars.size} CJK characters, ${out.length} bytes`,
  );
}
writeFileSync(join(here, 'assets/fonts/OFL.txt'), readFileSync(join(fontsDir, 'LICENSE_FONT')));
