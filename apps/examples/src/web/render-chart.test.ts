import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { fitSpec } from './render-chart';

const spec: TopLevelSpec = {
  width: 440,
  height: 260,
  data: { values: [] },
  mark: 'line',
  encoding: { color: { field: 'series', type: 'nominal' } },
};

describe('fitSpec', () => {
  it("gives a chart the container's whole width on a desktop, legend still beside the plot", () => {
    const wide = fitSpec(spec, 1000) as { width: number; autosize: unknown; config?: unknown };
    expect(wide.width).toBe(1000);
    expect(wide.autosize).toEqual({ type: 'fit-x', contains: 'padding', resize: true });
    expect(wide.config).toBeUndefined();
  });

  it('moves the legend below the plot where plot and legend do not fit side by side (440 + 150 px)', () => {
    const phone = fitSpec(spec, 343) as {
      width: number;
      config: { legend: { orient: string; columns: number } };
    };
    expect(phone.width).toBe(343);
    expect(phone.config.legend).toMatchObject({ orient: 'bottom', columns: 2 });
    const cell = fitSpec(spec, 500) as { config: { legend: { columns: number } } };
    expect(cell.config.legend.columns).toBe(3);
  });

  it('leaves concatenated specs (no numeric width) and unmeasured containers alone', () => {
    const concat = { hconcat: [] } as unknown as TopLevelSpec;
    expect(fitSpec(concat, 800)).toBe(concat);
    expect(fitSpec(spec, 0)).toBe(spec);
  });
});
