import { Linear, ReLU, Sequential } from '@descent/nn';

/** The digits MLP of chapter 4: 64 pixels → 32 → ReLU → 10 logits (its state-dict names `0.weight` … `2.bias`). */
export function digitsModel(): Sequential {
  return new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
}
