// Writes src/chapters/zoo-searched.ts: the outcome of the optimizer zoo's learning-rate search
// (src/chapters/zoo-search.ts) for every optimizer and function, so the page and the CLI read it
// instead of repeating the search. Re-run it after changing an optimizer, a function or the search
// (the chapter's test fails until you do):
//
//   node --conditions=@descent/source --import tsx scripts/zoo-search.mjs
/* global console, URL */
import { renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ZOO_FUNCTIONS } from '../src/chapters/zoo-functions.ts';
import { ZOO_OPTIMIZERS } from '../src/chapters/zoo-optimizers.ts';
import { searchLr } from '../src/chapters/zoo-search.ts';

const table = Object.fromEntries(
  ZOO_FUNCTIONS.map((fn) => [fn.id, Object.fromEntries(ZOO_OPTIMIZERS.map((o) => [o.name, searchLr(fn, o)]))]),
);
const text = `// Written by scripts/zoo-search.mjs from the search in zoo-search.ts; do not edit by hand.
import type { ZooSearch } from './zoo-search';

/** The learning-rate search's outcome per function and optimizer (see scripts/zoo-search.mjs). */
export const ZOO_SEARCHED: Record<string, Record<string, ZooSearch>> = {
${Object.entries(table)
  .map(([fn, runs]) => `  ${fn}: {\n${Object.entries(runs).map(([o, r]) => `    '${o}': ${JSON.stringify(r)},`).join('\n')}\n  },`)
  .join('\n')}
};
`;
const out = fileURLToPath(new URL('../src/chapters/zoo-searched.ts', import.meta.url));
writeFileSync(`${out}.tmp`, text);
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}`);
