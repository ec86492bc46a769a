/** Python literals for the arguments of generated constructors. */

/** A number as Python reads it (`float('inf')` for infinities, `float('nan')`). */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (value === Infinity) return "float('inf')";
  if (value === -Infinity) return "-float('inf')";
  return String(value);
}

/** `True` / `False`. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A tuple (`(3,)` for one entry). */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1
    ? `(${pyNumber(values[0]!)},)`
    : `(${values.map(pyNumber).join(', ')})`;
}

/** A size argument: an int, or a tuple of ints. */
export function pySize(value: number | readonly number[]): string {
  return typeof value === 'number' ? pyNumber(value) : pyTuple(value);
}

/** A string literal (JSON's escapes are Python's). */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** `None` for null/undefined, otherwise the number. */
export function pyOptionalNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? 'None' : pyNumber(value);
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Whether `name` can be a Python class name (an identifier, not a keyword). */
export function isPythonIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}
