/**
 * torch.einsum: an ellipsis (`...`) stands for an operand's remaining dims, broadcast across
 * operands and aligned from the right; each operand's repeated letters become a diagonal, every
 * operand is permuted and reshaped onto one shared letter order (output letters first), the
 * operands are multiplied with broadcasting and the contracted letters summed. Built from
 * differentiable ops, so autograd tensors get gradients with no rule of their own.
 */
import type { Tensor } from '../tensor';
import { diagonal } from './reshaping';

const LETTER = /^[a-zA-Z]$/;
const ELLIPSIS = '...';

/** One side of the equation: its letters, and where its ellipsis stands (-1: none). */
interface Term {
  letters: string[];
  ellipsisAt: number;
}

function parseTerm(term: string, where: string): Term {
  const at = term.indexOf(ELLIPSIS);
  const letters = [...(at < 0 ? term : term.slice(0, at) + term.slice(at + ELLIPSIS.length))];
  for (const letter of letters) {
    if (letter === '.') {
      if (at >= 0) throw new RangeError(`einsum(): found '.' for ${where} ${where === 'output' ? 'but an ellipsis (...) was already found' : 'for which an ellipsis was already found'}`);
      throw new RangeError(`einsum(): found '.' for ${where} that is not part of any ellipsis`);
    }
    if (!LETTER.test(letter)) throw new RangeError(`einsum(): invalid subscript given in the equation string: ${letter}`);
  }
  return { letters, ellipsisAt: at < 0 ? -1 : [...term.slice(0, at)].length };
}

/**
 * The equation with each ellipsis spelled out as labels of its own ('…0', '…1', …, aligned from
 * the right across operands, as broadcasting aligns dims), and the output labels.
 */
function parse(equation: string, operands: readonly Tensor[]): { inputs: string[][]; output: string[] } {
  const eq = equation.replace(/\s+/g, '');
  const [lhs = '', rhs] = eq.split('->');
  const terms = lhs.split(',').map((term, k) => parseTerm(term, `operand ${k}`));
  if (terms.length !== operands.length) {
    throw new RangeError(`einsum(): more operands were provided than specified in the equation`.replace('more', terms.length < operands.length ? 'more' : 'fewer'));
  }
  // How many dims each operand's ellipsis covers, and the broadcast ellipsis sizes.
  const spans = terms.map((term, k) => {
    const ndim = (operands[k] as Tensor).ndim;
    const n = term.letters.length;
    if (term.ellipsisAt < 0) {
      if (n !== ndim) throw new RangeError(`einsum(): the number of subscripts in the equation (${n}) does not match the number of dimensions (${ndim}) for operand ${k} and no ellipsis was given`);
      return 0;
    }
    if (n > ndim) throw new RangeError(`einsum(): the number of subscripts in the equation (${n}) is more than the number of dimensions (${ndim}) for operand ${k}`);
    return ndim - n;
  });
  const ellipsisDims = Math.max(0, ...spans);
  const sizes = new Array<number>(ellipsisDims).fill(1);
  terms.forEach((term, k) => {
    const span = spans[k] as number;
    for (let j = 0; j < span; j++) {
      const size = (operands[k] as Tensor).shape[term.ellipsisAt + j] as number;
      const d = ellipsisDims - span + j;
      if (size !== 1 && sizes[d] !== 1 && sizes[d] !== size) {
        throw new RangeError(`einsum(): dimension ${d} covered by ellipsis in operand ${k}has size ${size} which does not broadcast with previously seen ellipsis with size ${sizes[d]} for the respective dimension`);
      }
      if (size !== 1) sizes[d] = size;
    }
  });
  const ellipsisLabels = (span: number): string[] => Array.from({ length: span }, (_, j) => `…${ellipsisDims - span + j}`);
  const spell = (term: Term, span: number): string[] =>
    term.ellipsisAt < 0 ? term.letters : [...term.letters.slice(0, term.ellipsisAt), ...ellipsisLabels(span), ...term.letters.slice(term.ellipsisAt)];
  const inputs = terms.map((term, k) => spell(term, spans[k] as number));
  if (rhs !== undefined) {
    const term = parseTerm(rhs, 'output');
    for (const letter of term.letters) {
      if (!terms.some((t) => t.letters.includes(letter))) throw new RangeError(`einsum(): output subscript ${letter} does not appear in the equation for any input operand`);
    }
    if (new Set(term.letters).size !== term.letters.length) throw new RangeError(`einsum(): output subscript appears more than once in the output`);
    // Ellipsis dims left out of an explicit output are summed, as PyTorch does.
    return { inputs, output: spell(term, ellipsisDims) };
  }
  // Implicit output: the ellipsis dims, then the letters that appear exactly once, in alphabetical order.
  const counts = new Map<string, number>();
  for (const letter of terms.flatMap((t) => t.letters)) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  const once = [...counts.entries()].filter(([, c]) => c === 1).map(([l]) => l).sort();
  return { inputs, output: [...ellipsisLabels(ellipsisDims), ...once] };
}

/**
 * Sums the product of the operands over the letters not in the output (torch.einsum).
 *
 * @example
 * einsum('ij,jk->ik', a, b); // a.matmul(b); operands may also come as one array
 * einsum('...ij,...jk->...ik', x, y); // batched matmul, batch dims broadcast
 */
export function einsum(equation: string, ...operandArgs: (Tensor | readonly Tensor[])[]): Tensor {
  const operands = (operandArgs.length === 1 && Array.isArray(operandArgs[0]) ? operandArgs[0] : operandArgs) as Tensor[];
  if (operands.length === 0) throw new RangeError('einsum(): must provide at least one operand');
  const { inputs, output } = parse(equation, operands);
  const letters = [...output, ...[...new Set(inputs.flat())].filter((l) => !output.includes(l))];
  const aligned = operands.map((t, k) => {
    let term = [...(inputs[k] as string[])];
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
