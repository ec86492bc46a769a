/**
 * The functional forms of the layers and losses (torch.nn.functional), exported from the package
 * as the `functional` namespace: `functional.crossEntropy(logits, labels)`.
 */
export { linear } from './functional/linear';
export { relu, leakyRelu, sigmoid, tanh, gelu, softmax, logSoftmax } from './functional/activations';
export type { GeluApproximate } from './functional/activations';
export { dropout } from './functional/dropout';
export type { DropoutOptions } from './functional/dropout';
export { mseLoss, l1Loss, smoothL1Loss, huberLoss } from './functional/regression-losses';
export type { LossOptions } from './functional/regression-losses';
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './functional/binary-losses';
export type { BCEOptions, BCEWithLogitsOptions } from './functional/binary-losses';
export { nllLoss, crossEntropy } from './functional/classification-losses';
export type { CrossEntropyOptions, NLLLossOptions } from './functional/classification-losses';
export type { Reduction } from './functional/reduction';
export { pad } from './functional/pad';
export type { PadOptions, PaddingMode } from './functional/pad';
export { conv1d } from './functional/conv1d';
export { conv2d } from './functional/conv2d';
export type { ConvOptions, ConvPaddingMode } from './functional/conv-geometry';
export { convTranspose2d } from './functional/conv-transpose2d';
export type { ConvTranspose2dOptions } from './functional/conv-transpose2d';
export { maxPool1d, maxPool2d } from './functional/max-pool';
export type { MaxPoolOptions } from './functional/max-pool';
export { avgPool1d, avgPool2d } from './functional/avg-pool';
export type { AvgPoolOptions } from './functional/avg-pool';
export type { PoolWindowOptions } from './functional/pool-geometry';
export { adaptiveAvgPool2d, adaptiveMaxPool2d } from './functional/adaptive-pool';
export type { AdaptiveMaxPoolOptions, AdaptiveSize } from './functional/adaptive-pool';
export { batchNorm } from './functional/batch-norm';
export type { BatchNormOptions } from './functional/batch-norm';
export { layerNorm } from './functional/layer-norm';
export type { LayerNormOptions } from './functional/layer-norm';
export { groupNorm } from './functional/group-norm';
export type { GroupNormOptions } from './functional/group-norm';
export { embedding } from './functional/embedding';
export type { EmbeddingOptions } from './functional/embedding';
export { unfold, fold } from './functional/unfold';
export type { UnfoldOptions } from './functional/unfold';
export { dropout2d } from './functional/dropout2d';
export type { Dropout2dOptions } from './functional/dropout2d';
export type { SpatialSize } from './functional/window-args';
export { scaledDotProductAttention } from './functional/scaled-dot-product-attention';
export type { ScaledDotProductAttentionOptions } from './functional/scaled-dot-product-attention';
export { rmsNorm } from './functional/rms-norm';
export type { RMSNormOptions } from './functional/rms-norm';
