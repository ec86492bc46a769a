import { describe, expect, it } from 'vitest';
import { formatTable } from './text-table';

describe('formatTable', () => {
  it('right-aligns numbers and counts CJK characters as two columns', () => {
    // Widths: column 1 = max(4, 4, 4) = 4 ("方式", "批量" count 2 each); column 2 = 6 ("50,000"); gap 3.
    const text = formatTable({
      title: 'T',
      columns: ['方式', 'n'],
      rows: [
        ['批量', 1],
        ['mini', 50000],
      ],
    });
    expect(text.split('\n')).toEqual([
      'T',
      '方式        n',
      '----   ------',
      '批量        1',
      'mini   50,000',
    ]);
  });
});
