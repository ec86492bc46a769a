import { cat, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';

/**
 * Concatenates parameters, flattened, into one 1-d tensor (torch.nn.utils.parameters_to_vector).
 * The result is differentiable with respect to the parameters.
 *
 * @example
 * parametersToVector(model.parameters()).shape; // [number of weights]
 */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const list = [...parameters];
  if (list.length === 0) throw new RangeError('parametersToVector: expected at least one parameter, got none');
  return cat(list.map((p) => p.reshape([-1])));
}

/**
 * Copies consecutive slices of `vector` into the parameters, in place (torch.nn.utils.vector_to_parameters).
 * The vector's length must equal the parameters' total element count.
 *
 * @example
 * vectorToParameters(parametersToVector(a.parameters()), b.parameters());
 */
export function vectorToParameters(vector: Tensor, parameters: Iterable<Tensor>): void {
  if (vector.shape.length !== 1) throw new TypeError(`expected a 1-d vector, got shape [${vector.shape.join(', ')}]`);
  const list = [...parameters];
  const total = list.reduce((sum, p) => sum + p.numel(), 0);
  if (total !== vector.shape[0]) {
    throw new RangeError(`vectorToParameters: the vector has ${vector.shape[0]} elements but the parameters hold ${total}`);
  }
  noGrad(() => {
    let offset = 0;
    for (const p of list) {
      const n = p.numel();
      p.copy_(vector.narrow(0, offset, n).reshape([...p.shape]));
      offset += n;
    }
  });
}
