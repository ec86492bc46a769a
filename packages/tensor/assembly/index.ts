// Entry point of the WebAssembly module compiled by scripts/build-wasm.mjs. Memory is owned and laid
// out by the JavaScript side (src/wasm/); these kernels never allocate.
export { binary_f32, binary_f64, binary_scalar_f32, binary_scalar_f64, unary_f32, unary_f64 } from './elementwise';
export { sum_f32, sum_f64, sumsq_f32, sumsq_f64, max_f32, max_f64 } from './reduce';
export { matmul_f32, matmul_f64, matmul_scratch_bytes } from './matmul';
export { adam_f32, adam_f64, sgd_f32, sgd_f64, rmsprop_f32, rmsprop_f64, adagrad_f32, adagrad_f64 } from './optim';
export { sf_adamw_f32, sf_sgd_f32, ademamix_f32, lamb_f32, axpy_f32, sumsq2_f32, lars_f32 } from './optim-beyond';
export { adafactor_f32 } from './adafactor';
export { recurrent_forward_f32, recurrent_forward_f64, recurrent_backward_f32, recurrent_backward_f64, recurrent_scratch_bytes } from './recurrent';
export { act_fwd_f32, act_fwd_f64, act_bwd_f32, act_bwd_f64 } from './activations';
export { im2col_f32, im2col_f64 } from './im2col';
export { prodigy_stats_f32, prodigy_step_f32 } from './prodigy';
export { col2im_f32, col2im_f64 } from './col2im';
export { relu_fwd_f32, relu_fwd_f64, relu_bwd_f32, relu_bwd_f64 } from './relu';
export { max_pool2d_f32, max_pool2d_f64 } from './max-pool2d';
export { norm_fwd_f32, norm_bwd_f32 } from './normalization';
export { max_pool2d_bwd_f32, max_pool2d_bwd_f64 } from './max-pool2d';
export { conv_bias_f32, conv_bias_f64 } from './conv-bias';
export { adaptive_avg_pool2d_f32, adaptive_avg_pool2d_f64, adaptive_avg_pool2d_bwd_f32, adaptive_avg_pool2d_bwd_f64, adaptive_max_pool2d_f32, adaptive_max_pool2d_f64 } from './adaptive-pool2d';
