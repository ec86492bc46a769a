/** A typographic minus (U+2212) instead of the hyphen. */
const minus = (text: string): string => (text.startsWith('-') ? `−${text.slice(1)}` : text);

/** Nine decimals, as the worked example prints them (`0.593269992`, `−0.022602540`). */
export const fixed9 = (v: number): string => minus(v.toFixed(9));

/** A factor inside a product: negative numbers in parentheses, `(−0.038098237)`. */
export const factor = (text: string): string => (text.startsWith('−') ? `(${text})` : text);

/** Six significant digits without trailing zeros, as the chain-rule printout (`-0.25`, `1`). */
export const short = (v: number): string =>
  minus(Number.isInteger(v) ? String(v === 0 ? 0 : v) : v.toPrecision(6).replace(/\.?0+$/, ''));
