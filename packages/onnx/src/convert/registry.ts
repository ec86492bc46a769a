import * as nn from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { ACTIVATIONS } from './activations';
import { CONVOLUTIONS } from './conv';
import { LAYERS } from './layers';
import { NORMS } from './norm';
import { POOLS } from './pool';
import { ATTENTION } from './attention';
import { GPT2_MODULES, GPT2_STRUCTURED } from './gpt2';
import { RECURRENT } from './recurrent';
import { RMS_NORMS } from './rms-norm';
import type { ModuleConverter, StructuredConverter } from './types';

/** The ONNX converter of each supported layer class (exact class, not subclasses). */
export const CONVERTERS: ReadonlyMap<unknown, ModuleConverter> = new Map<unknown, ModuleConverter>([
  ...LAYERS,
  ...ACTIVATIONS,
  ...CONVOLUTIONS,
  ...POOLS,
  ...NORMS,
  ...RMS_NORMS,
  ...GPT2_MODULES,
]);

/** The converters of layers whose forward takes or returns more than one tensor (exact class). */
export const STRUCTURED: ReadonlyMap<unknown, StructuredConverter> = new Map<
  unknown,
  StructuredConverter
>([...RECURRENT, ...ATTENTION, ...GPT2_STRUCTURED]);

/** Containers whose forward only calls their children: traced through. */
const CONTAINERS = new Set<unknown>([nn.Module, nn.Sequential, nn.ModuleList, nn.ModuleDict]);

/** Every module class `@descent/nn` exports. */
const BUILT_IN = new Set<unknown>(
  Object.values(nn).filter(
    (v) =>
      typeof v === 'function' &&
      (v === nn.Module || (v as { prototype: unknown }).prototype instanceof nn.Module),
  ),
);

/**
 * Whether a module is one of `@descent/nn`'s layers without an ONNX conversion (its forward is not
 * traced through: it would record its internals, or nothing).
 */
export function isUnsupportedBuiltIn(module: AnyModule): boolean {
  const cls = module.constructor;
  return BUILT_IN.has(cls) && !CONTAINERS.has(cls) && !CONVERTERS.has(cls) && !STRUCTURED.has(cls);
}
