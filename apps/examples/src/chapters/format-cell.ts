/**
 * A table cell as text, the same in the terminal, the CLI's index.html and the page: numbers with
 * thousands separators (`50,000`) and up to nine decimals, strings verbatim.
 *
 * @example
 * formatCell(50000); // '50,000'
 * formatCell('0.1'); // '0.1'
 */
export function formatCell(c: string | number): string {
  return typeof c === 'number' ? c.toLocaleString('en-US', { maximumFractionDigits: 9 }) : c;
}
