/** The shape of a GPT-2 model (Hugging Face's `GPT2Config` names, camelCased). */
export interface GPT2Config {
  /** Tokens in the vocabulary (default 50257). */
  vocabSize: number;
  /** Longest sequence, the rows of the position embedding (default 1024). */
  nPositions: number;
  /** Width of the residual stream (default 768). */
  nEmbd: number;
  /** Attention heads per block (default 12). */
  nHead: number;
  /** Transformer blocks (default 12). */
  nLayer: number;
  /** LayerNorm eps (default 1e-5). */
  layerNormEpsilon: number;
}

/** GPT-2 "small" (124M parameters), the published `gpt2` checkpoint's configuration. */
export const GPT2_SMALL: GPT2Config = { vocabSize: 50257, nPositions: 1024, nEmbd: 768, nHead: 12, nLayer: 12, layerNormEpsilon: 1e-5 };

/** Fills the defaults of GPT-2 small and checks every field. */
export function resolveConfig(config: Partial<GPT2Config>): GPT2Config {
  if (config === null || typeof config !== 'object') throw new TypeError(`GPT2: config must be an object, got ${String(config)}`);
  const known = Object.keys(GPT2_SMALL);
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) throw new TypeError(`GPT2: unknown config field '${key}'; known fields: ${known.join(', ')}`);
  }
  const c = { ...GPT2_SMALL, ...config };
  for (const key of ['vocabSize', 'nPositions', 'nEmbd', 'nHead', 'nLayer'] as const) {
    if (!Number.isSafeInteger(c[key]) || c[key] < 1) throw new RangeError(`GPT2: ${key} must be a positive integer, got ${String(c[key])}`);
  }
  if (c.nEmbd % c.nHead !== 0) throw new RangeError(`GPT2: nEmbd must be divisible by nHead, got nEmbd=${c.nEmbd} and nHead=${c.nHead}`);
  if (!(c.layerNormEpsilon > 0)) throw new RangeError(`GPT2: layerNormEpsilon must be positive, got ${String(c.layerNormEpsilon)}`);
  return c;
}
