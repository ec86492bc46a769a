/** Indents every line after the first by `spaces` (PyTorch's `_addindent`). */
function addIndent(text: string, spaces: number): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((line) => pad + line)].join('\n');
}

/**
 * PyTorch's `Module.__repr__`: the class name, then either the one-line extra representation in
 * parentheses or one indented line per extra-repr line and per child (`(name): Child(...)`).
 *
 * @example
 * formatModule('Sequential', '', [['0', 'Tanh()']]); // 'Sequential(\n  (0): Tanh()\n)'
 */
export function formatModule(name: string, extraRepr: string, children: readonly (readonly [string, string])[]): string {
  const extraLines = extraRepr === '' ? [] : extraRepr.split('\n');
  const childLines = children.map(([key, text]) => `(${key}): ${addIndent(text, 2)}`);
  const lines = [...extraLines, ...childLines];
  if (lines.length === 0) return `${name}()`;
  if (extraLines.length === 1 && childLines.length === 0) return `${name}(${extraLines[0]})`;
  return `${name}(\n  ${lines.join('\n  ')}\n)`;
}

/**
 * A number as Python prints a float (`0.5`, `1.0`, `1e-05`), for extra representations that
 * mirror PyTorch's.
 *
 * @example
 * pyFloat(1); // '1.0'
 */
export function pyFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A boolean as Python prints it. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}
