import type { Config } from 'vega-lite';

/** One look for every chart, in the terminal's files and on the page. */
export const CHART_CONFIG: Config = {
  font: 'DejaVu Sans, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
  range: {
    category: [
      '#1f77b4',
      '#ff7f0e',
      '#2ca02c',
      '#d62728',
      '#9467bd',
      '#8c564b',
      '#e377c2',
      '#7f7f7f',
    ],
  },
};

/** Default plot size in pixels (the page scales SVGs down to fit a phone). */
export const CHART_SIZE = { width: 440, height: 260 } as const;
