import { RMSNorm } from '@descent/nn';
import { hintOf } from './types';
import type { ConverterTable, ModuleConverter } from './types';

/** Machine epsilon per float dtype: RMSNorm's default eps (torch.finfo(dtype).eps). */
const EPS: Readonly<Record<string, number>> = { float32: 2 ** -23, float64: 2 ** -52 };

/** RMSNorm: y = x · 1/√(mean(x²) + eps) · weight, the mean over the trailing normalized dims. */
const rmsNorm: ModuleConverter = (ctx, module, [x], [input]) => {
  const m = module as RMSNorm;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const dtype = input!.dtype;
  const k = m.normalizedShape.length;
  const axes = Array.from({ length: k }, (_, i) => i - k);
  const meanSquare = g.node(
    'ReduceMean',
    [g.node('Mul', [x as string, x as string], `${h}.sq`)],
    `${h}.mean_sq`,
    {
      axes,
      keepdims: 1,
    },
  );
  const eps = m.eps ?? (EPS[dtype] as number);
  const scale = g.node(
    'Reciprocal',
    [
      g.node(
        'Sqrt',
        [g.node('Add', [meanSquare, g.scalar(eps, dtype, `${h}.eps`)], `${h}.mean_sq_eps`)],
        `${h}.rms`,
      ),
    ],
    `${h}.inv_rms`,
  );
  const y = g.node('Mul', [x as string, scale], m.weight === null ? h : `${h}.normalized`);
  return m.weight === null ? y : g.node('Mul', [y, ctx.param(m.weight, 'weight')], h);
};

/** The converter of RMSNorm. */
export const RMS_NORMS: ConverterTable<ModuleConverter> = [[RMSNorm, rmsNorm]];
