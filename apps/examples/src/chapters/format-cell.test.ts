import { describe, expect, it } from 'vitest';
import { formatCell } from './format-cell';

describe('formatCell', () => {
  it.each([
    [50000, '50,000'],
    [500000, '500,000'],
    [196, '196'],
    [0.1, '0.1'],
    [1234.5678901234, '1,234.567890123'],
    ['50000', '50000'],
    ['SGD', 'SGD'],
  ])('writes %j as %s', (cell, text) => {
    expect(formatCell(cell)).toBe(text);
  });
});
