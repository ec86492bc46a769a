/**
 * Recognises a decimal literal `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` in one
 * left-to-right pass, so any length costs linear time. A regular expression of the same language
 * (`\d+\.?\d*`) backtracks over long digit runs: 64k digits followed by `x` took seconds.
 */
export function isDecimal(text: string): boolean {
  const n = text.length;
  let i = 0;
  const digits = (): number => {
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    return i - start;
  };
  if (text[i] === '+' || text[i] === '-') i++;
  let mantissa = digits();
  if (text[i] === '.') {
    i++;
    mantissa += digits();
  }
  if (mantissa === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (digits() === 0) return false;
  }
  return i === n;
}
