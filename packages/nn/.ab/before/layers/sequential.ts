import type { Tensor } from '@descent/autograd';
import type { AnyModule } from '../module';
import { IndexedModules } from './indexed-modules';

/**
 * Modules applied one after another (torch.nn.Sequential); they are named `0`, `1`, …, so the
 * state dict holds `0.weight`, `0.bias`, ….
 *
 * @example
 * const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
 * model.forward(x);
 */
export class Sequential extends IndexedModules<[Tensor], Tensor> {
  constructor(...modules: AnyModule[]) {
    super(modules);
  }

  override forward(input: Tensor): Tensor {
    let out: unknown = input;
    for (const module of this) out = module.forward(out);
    return out as Tensor;
  }
}
