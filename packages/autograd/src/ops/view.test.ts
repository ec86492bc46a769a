import { describe, expect, it } from 'vitest';
import { noGrad } from '../grad-mode';
import { tensor } from '../factories';

describe('view rules', () => {
  it('slice of an expanded leaf sends the gradient to the sliced rows (stride 0 along dim)', () => {
    const x = noGrad(() => tensor([1, 2], { dtype: 'float64' }).expand([3, 2])).requiresGrad_();
    x.slice(0, 1, 3)
      .mul(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype: 'float64' },
        ),
      )
      .sum()
      .backward();
    // rows 1 and 2 of x are the slice; row 0 is not used
    expect(x.grad!.tolist()).toEqual([
      [0, 0],
      [1, 2],
      [3, 4],
    ]);
  });
});
