/**
 * A value as an error message shows it: a number, boolean or bigint as itself, a string quoted
 * after the word `string`, anything else by its kind (`null`, `an array of length 2`, `a Tensor`).
 *
 * @example
 * describeValue('a');   // 'string "a"'
 * describeValue(1.5);   // '1.5'
 * describeValue(null);  // 'null'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'undefined') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name !== undefined && name !== 'Object' ? `a ${name}` : 'an object';
}
