import type { Tensor } from '@descent/autograd';
import type { AnyModule } from '@descent/nn';
import type { ConvertContext, StructuredContext } from '../graph';

/**
 * Writes the ONNX nodes of one layer: `inputs` are the ONNX names of the forward's tensor
 * arguments (`args` the tensors themselves, for shapes), `output` the tensor Descent computed.
 * Returns the ONNX name of the output.
 */
export type ModuleConverter = (
  ctx: ConvertContext,
  module: AnyModule,
  inputs: string[],
  args: Tensor[],
  output: Tensor,
) => string;

/** A spatial size (`3` or `[3, 3]`) as one number per spatial dimension. */
export function expand(size: number | readonly number[], dims: number): number[] {
  return typeof size === 'number' ? Array.from({ length: dims }, () => size) : [...size];
}

/** The output name for a module (its path, or `output` for the root). */
export function hintOf(ctx: ConvertContext): string {
  return ctx.path === '' ? 'out' : ctx.path;
}

/**
 * Writes the ONNX nodes of a layer whose forward takes or returns more than one tensor (initial
 * states, option objects with masks, `[output, [h, c]]` pairs): `args` are the forward's
 * arguments and `out` its result, whose tensors the converter binds with `ctx.bind`.
 */
export type StructuredConverter = (
  ctx: StructuredContext,
  module: AnyModule,
  args: unknown[],
  out: unknown,
) => void;

/** The converters of one group of layers, by class. */
export type ConverterTable<C> = ReadonlyArray<[abstract new (...args: never[]) => AnyModule, C]>;
