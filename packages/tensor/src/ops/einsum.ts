/**
 * torch.einsum without the ellipsis: each operand's repeated letters become a diagonal, every
 * operand is permuted and reshaped onto one shared letter order (output letters first), the
 * operands are multiplied with broadcasting and the contracted letters summed. Built from
 * differentiable ops, so autograd tensors get gradients with no rule of their own.
 */
import type { Tensor } from '../tensor';
import { diagonal } from './reshaping';

const LETTER = /^[a-zA-Z]$/;

function parse(equation: string, count: number): { inputs: string[][]; output: string[] } {
  const eq = equation.replace(/\s+/g, '');
  if (eq.includes('.')) throw new RangeError('einsum(): the ellipsis (...) is not supported yet');
  const [lhs = '', rhs] = eq.split('->');
  const inputs = lhs.split(',').map((term) => [...term]);
  if (inputs.length !== count) {
    throw new RangeError(`einsum(): more operands were provided than specified in the equation`.replace('more', inputs.length < count ? 'more' : 'fewer'));
  }
  for (const letter of inputs.flat()) if (!LETTER.test(letter)) throw new RangeError(`einsum(): invalid subscript given in the equation string: ${letter}`);
  if (rhs !== undefined) {
    const output = [...rhs];
    for (const letter of output) {
      if (!LETTER.test(letter)) throw new RangeError(`einsum(): invalid subscript given in the equation string: ${letter}`);
      if (!inputs.some((term) => term.includes(letter))) throw new RangeError(`einsum(): output subscript ${letter} does not appear in the equation for any input operand`);
    }
    if (new Set(output).size !== output.length) throw new RangeError(`einsum(): output subscript appears more than once in the output`);
    return { inputs, output };
  }
  // Implicit output: the letters that appear exactly once, in alphabetical order.
  const counts = new Map<string, number>();
  for (const letter of inputs.flat()) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  const output = [...counts.entries()].filter(([, c]) => c === 1).map(([l]) => l).sort();
  return { inputs, output };
}

/**
 * Sums the product of the operands over the letters not in the output (torch.einsum).
 *
 * @example
 * einsum('ij,jk->ik', a, b); // a.matmul(b); operands may also come as one array
 */
export function einsum(equation: string, ...operandArgs: (Tensor | readonly Tensor[])[]): Tensor {
  const operands = (operandArgs.length === 1 && Array.isArray(operandArgs[0]) ? operandArgs[0] : operandArgs) as Tensor[];
  if (operands.length === 0) throw new RangeError('einsum(): must provide at least one operand');
  const { inputs, output } = parse(equation, operands.length);
  const letters = [...output, ...[...new Set(inputs.flat())].filter((l) => !output.includes(l))];
  const aligned = operands.map((t, k) => {
    let term = [...(inputs[k] as string[])];
    if (term.length !== t.ndim) {
      throw new RangeError(`einsum(): the number of subscripts in the equation (${term.length}) does not match the number of dimensions (${t.ndim}) for operand ${k} and no ellipsis was given`);
    }
    let x = t;
    // A repeated letter takes the diagonal of its two dims (moved last).
    for (let i = 0; i < term.length; i++) {
      const j = term.indexOf(term[i] as string, i + 1);
      if (j < 0) continue;
      x = diagonal(x, 0, i, j);
      const letter = term[i] as string;
      term = [...term.filter((_, q) => q !== i && q !== j), letter];
      i = -1;
    }
    const own = letters.filter((l) => term.includes(l));
    const permuted = x.permute(own.map((l) => term.indexOf(l)));
    return permuted.reshape(letters.map((l) => (own.includes(l) ? (x.shape[term.indexOf(l)] as number) : 1)));
  });
  let product = aligned[0] as Tensor;
  for (const t of aligned.slice(1)) product = product.mul(t);
  const contracted = letters.map((_, i) => i).slice(output.length);
  return contracted.length === 0 ? product : product.sum(contracted);
}
