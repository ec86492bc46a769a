/** Refuses option keys a layer does not know, naming the camelCase spelling of a snake_case one. */
export function checkOptionKeys(name: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${name}: options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const hint = camel !== key && known.includes(camel) ? ` (did you mean '${camel}'?)` : '';
    throw new TypeError(`${name}: unknown option '${key}'${hint}; known options: ${known.join(', ')}`);
  }
}

/** A size argument: a safe integer ≥ `min`. */
export function checkSize(name: string, label: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${name}: ${label} must be an integer, got ${String(value)}`);
  if (value < min) throw new RangeError(`${name}: ${label} must be ${min === 0 ? 'non-negative' : 'greater than zero'}, got ${value}`);
}
