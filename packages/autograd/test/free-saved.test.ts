/**
 * After a backward pass without `retainGraph`, the graph holds no intermediate tensor: the saved
 * tensors are released and rules that need only shapes never captured their inputs. Checked
 * with weak references and a forced garbage collection while the output stays alive.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cat, stack, tensor, where } from '../src/index';
import type { Tensor } from '../src/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Builds a graph over ops of every kind; returns its output and weak references to the intermediates. */
function build(x: Tensor, w: Tensor): { y: Tensor; refs: Map<string, WeakRef<object>> } {
  const refs = new Map<string, WeakRef<object>>();
  const keep = (name: string, t: Tensor): Tensor => {
    refs.set(name, new WeakRef(t.storage));
    return t;
  };
  const h1 = keep('exp', x.exp());
  const h2 = keep('sum of an expanded view', h1.reshape([2, 2]).expand([3, 2, 2]).sum(0));
  const h3 = keep('mul', h2.mul(w).add(1).sub(h2.mean()));
  const h4 = keep('gather', h3.gather(1, tensor([[1], [0]], { dtype: 'int32' })));
  const h5 = keep('indexSelect', h3.indexSelect(0, tensor([1, 1], { dtype: 'int32' })));
  const h6 = keep(
    'cat',
    cat([h4.t(), h5.narrow(1, 0, 1).t()], 1)
      .squeeze(0)
      .unsqueeze(1),
  );
  const h7 = keep('maskedFill', h6.maskedFill(tensor([[true], [false], [false], [true]]), 0));
  const h8 = keep('where', where(h7.gt(2), h7, h7.mul(2)).softmax(0).logsumexp([0, 1]));
  const h9 = keep('stack', stack([h8, h1.max(), h1.slice(0, 1, 4, 2).sum()]).clone());
  const h10 = keep('to', h9.to('float32').to('float64').relu());
  return { y: h10.cumsum(0).sum(), refs };
}

async function collectedAfter(retainGraph: boolean): Promise<string[]> {
  const x = tensor([0.1, -0.4, 0.3, 0.9], { dtype: 'float64', requiresGrad: true });
  const w = tensor([1.5, -0.5], { dtype: 'float64', requiresGrad: true });
  const { y, refs } = build(x, w);
  y.backward(undefined, { retainGraph });
  // A WeakRef made in this job stays alive until the job ends: collect in a later one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  expect(y.gradFn).not.toBeNull(); // the output, and so its graph, is still reachable
  expect(x.grad).not.toBeNull();
  return [...refs].filter(([, ref]) => ref.deref() === undefined).map(([name]) => name);
}

describe('backward frees the graph', () => {
  it('releases every intermediate tensor once used (the output stays alive)', async () => {
    const names = ['exp', 'sum of an expanded view', 'mul', 'gather', 'indexSelect', 'cat'];
    names.push('maskedFill', 'where', 'stack', 'to');
    expect(await collectedAfter(false)).toEqual(names);
  });

  it('keeps the saved tensors with retainGraph', async () => {
    const collected = await collectedAfter(true);
    expect(collected).not.toContain('exp'); // saved by ExpBackward0 and MaxBackward1
    expect(collected).not.toContain('where'); // the output of logsumexp, saved by its node
  });
});
