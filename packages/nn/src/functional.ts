/**
 * The functional forms of the layers and losses (torch.nn.functional), exported from the package
 * as the `functional` namespace: `functional.crossEntropy(logits, labels)`.
 */
export { linear } from './functional/linear';
export { relu, leakyRelu, sigmoid, tanh, gelu, softmax, logSoftmax } from './functional/activations';
export type { GeluApproximate, LeakyReluOptions, SoftmaxOptions } from './functional/activations';
export { elu, celu, selu, silu, mish, softplus, softsign, hardtanh, relu6, hardsigmoid, hardswish, logsigmoid, softmin, normalize } from './functional/activation-zoo';
export type { NormalizeOptions } from './functional/activation-zoo';
export { oneHot } from './functional/one-hot';
export { dropout } from './functional/dropout';
export type { DropoutOptions } from './functional/dropout';
export { mseLoss, l1Loss, smoothL1Loss, huberLoss } from './functional/regression-losses';
export type { LossOptions } from './functional/regression-losses';
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './functional/binary-losses';
export type { BCEOptions, BCEWithLogitsOptions } from './functional/binary-losses';
export { nllLoss, crossEntropy } from './functional/classification-losses';
export type { CrossEntropyOptions, NLLLossOptions } from './functional/classification-losses';
export type { Reduction } from './functional/reduction';
