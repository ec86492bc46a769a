/**
 * The free-function forms PyTorch code calls (`torch.exp(x)`, `torch.pow(x, 2)`, …) on autograd
 * tensors: each is its method called on the first argument, so it records the same gradient.
 */
import { freeFunction } from '@descent/tensor';
import type { Tensor } from './tensor';

/** torch.max(input) or torch.max(input, dim, keepdim): the method as a function. */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function max(input: Tensor, dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
  return dim === undefined ? input.max() : input.max(dim, keepdim);
}

/** torch.min(input) or torch.min(input, dim, keepdim): the method as a function. */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function min(input: Tensor, dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
  return dim === undefined ? input.min() : input.min(dim, keepdim);
}

/** torch.abs(input, …): `input.abs(…)` as a function. */
export const abs = freeFunction<Tensor, 'abs'>('abs');
/** torch.neg(input, …): `input.neg(…)` as a function. */
export const neg = freeFunction<Tensor, 'neg'>('neg');
/** torch.sign(input, …): `input.sign(…)` as a function. */
export const sign = freeFunction<Tensor, 'sign'>('sign');
/** torch.exp(input, …): `input.exp(…)` as a function. */
export const exp = freeFunction<Tensor, 'exp'>('exp');
/** torch.log(input, …): `input.log(…)` as a function. */
export const log = freeFunction<Tensor, 'log'>('log');
/** torch.log1p(input, …): `input.log1p(…)` as a function. */
export const log1p = freeFunction<Tensor, 'log1p'>('log1p');
/** torch.expm1(input, …): `input.expm1(…)` as a function. */
export const expm1 = freeFunction<Tensor, 'expm1'>('expm1');
/** torch.sqrt(input, …): `input.sqrt(…)` as a function. */
export const sqrt = freeFunction<Tensor, 'sqrt'>('sqrt');
/** torch.rsqrt(input, …): `input.rsqrt(…)` as a function. */
export const rsqrt = freeFunction<Tensor, 'rsqrt'>('rsqrt');
/** torch.reciprocal(input, …): `input.reciprocal(…)` as a function. */
export const reciprocal = freeFunction<Tensor, 'reciprocal'>('reciprocal');
/** torch.square(input, …): `input.square(…)` as a function. */
export const square = freeFunction<Tensor, 'square'>('square');
/** torch.sin(input, …): `input.sin(…)` as a function. */
export const sin = freeFunction<Tensor, 'sin'>('sin');
/** torch.cos(input, …): `input.cos(…)` as a function. */
export const cos = freeFunction<Tensor, 'cos'>('cos');
/** torch.tan(input, …): `input.tan(…)` as a function. */
export const tan = freeFunction<Tensor, 'tan'>('tan');
/** torch.asin(input, …): `input.asin(…)` as a function. */
export const asin = freeFunction<Tensor, 'asin'>('asin');
/** torch.acos(input, …): `input.acos(…)` as a function. */
export const acos = freeFunction<Tensor, 'acos'>('acos');
/** torch.atan(input, …): `input.atan(…)` as a function. */
export const atan = freeFunction<Tensor, 'atan'>('atan');
/** torch.sinh(input, …): `input.sinh(…)` as a function. */
export const sinh = freeFunction<Tensor, 'sinh'>('sinh');
/** torch.cosh(input, …): `input.cosh(…)` as a function. */
export const cosh = freeFunction<Tensor, 'cosh'>('cosh');
/** torch.asinh(input, …): `input.asinh(…)` as a function. */
export const asinh = freeFunction<Tensor, 'asinh'>('asinh');
/** torch.acosh(input, …): `input.acosh(…)` as a function. */
export const acosh = freeFunction<Tensor, 'acosh'>('acosh');
/** torch.atanh(input, …): `input.atanh(…)` as a function. */
export const atanh = freeFunction<Tensor, 'atanh'>('atanh');
/** torch.tanh(input, …): `input.tanh(…)` as a function. */
export const tanh = freeFunction<Tensor, 'tanh'>('tanh');
/** torch.sigmoid(input, …): `input.sigmoid(…)` as a function. */
export const sigmoid = freeFunction<Tensor, 'sigmoid'>('sigmoid');
/** torch.relu(input, …): `input.relu(…)` as a function. */
export const relu = freeFunction<Tensor, 'relu'>('relu');
/** torch.erf(input, …): `input.erf(…)` as a function. */
export const erf = freeFunction<Tensor, 'erf'>('erf');
/** torch.exp2(input, …): `input.exp2(…)` as a function. */
export const exp2 = freeFunction<Tensor, 'exp2'>('exp2');
/** torch.log2(input, …): `input.log2(…)` as a function. */
export const log2 = freeFunction<Tensor, 'log2'>('log2');
/** torch.log10(input, …): `input.log10(…)` as a function. */
export const log10 = freeFunction<Tensor, 'log10'>('log10');
/** torch.floor(input, …): `input.floor(…)` as a function. */
export const floor = freeFunction<Tensor, 'floor'>('floor');
/** torch.ceil(input, …): `input.ceil(…)` as a function. */
export const ceil = freeFunction<Tensor, 'ceil'>('ceil');
/** torch.round(input, …): `input.round(…)` as a function. */
export const round = freeFunction<Tensor, 'round'>('round');
/** torch.trunc(input, …): `input.trunc(…)` as a function. */
export const trunc = freeFunction<Tensor, 'trunc'>('trunc');
/** torch.clamp(input, …): `input.clamp(…)` as a function. */
export const clamp = freeFunction<Tensor, 'clamp'>('clamp');
/** torch.clip(input, …): `input.clip(…)` as a function. */
export const clip = freeFunction<Tensor, 'clip'>('clip');
/** torch.add(input, …): `input.add(…)` as a function. */
export const add = freeFunction<Tensor, 'add'>('add');
/** torch.sub(input, …): `input.sub(…)` as a function. */
export const sub = freeFunction<Tensor, 'sub'>('sub');
/** torch.mul(input, …): `input.mul(…)` as a function. */
export const mul = freeFunction<Tensor, 'mul'>('mul');
/** torch.div(input, …): `input.div(…)` as a function. */
export const div = freeFunction<Tensor, 'div'>('div');
/** torch.pow(input, …): `input.pow(…)` as a function. */
export const pow = freeFunction<Tensor, 'pow'>('pow');
/** torch.maximum(input, …): `input.maximum(…)` as a function. */
export const maximum = freeFunction<Tensor, 'maximum'>('maximum');
/** torch.minimum(input, …): `input.minimum(…)` as a function. */
export const minimum = freeFunction<Tensor, 'minimum'>('minimum');
/** torch.remainder(input, …): `input.remainder(…)` as a function. */
export const remainder = freeFunction<Tensor, 'remainder'>('remainder');
/** torch.fmod(input, …): `input.fmod(…)` as a function. */
export const fmod = freeFunction<Tensor, 'fmod'>('fmod');
/** torch.copysign(input, …): `input.copysign(…)` as a function. */
export const copysign = freeFunction<Tensor, 'copysign'>('copysign');
/** torch.logaddexp(input, …): `input.logaddexp(…)` as a function. */
export const logaddexp = freeFunction<Tensor, 'logaddexp'>('logaddexp');
/** torch.floor_divide(input, …): `input.floorDivide(…)` as a function. */
export const floorDivide = freeFunction<Tensor, 'floorDivide'>('floorDivide');
/** torch.lerp(input, …): `input.lerp(…)` as a function. */
export const lerp = freeFunction<Tensor, 'lerp'>('lerp');
/** torch.eq(input, …): `input.eq(…)` as a function. */
export const eq = freeFunction<Tensor, 'eq'>('eq');
/** torch.ne(input, …): `input.ne(…)` as a function. */
export const ne = freeFunction<Tensor, 'ne'>('ne');
/** torch.lt(input, …): `input.lt(…)` as a function. */
export const lt = freeFunction<Tensor, 'lt'>('lt');
/** torch.le(input, …): `input.le(…)` as a function. */
export const le = freeFunction<Tensor, 'le'>('le');
/** torch.gt(input, …): `input.gt(…)` as a function. */
export const gt = freeFunction<Tensor, 'gt'>('gt');
/** torch.ge(input, …): `input.ge(…)` as a function. */
export const ge = freeFunction<Tensor, 'ge'>('ge');
/** torch.isclose(input, …): `input.isclose(…)` as a function. */
export const isclose = freeFunction<Tensor, 'isclose'>('isclose');
/** torch.allclose(input, …): `input.allclose(…)` as a function. */
export const allclose = freeFunction<Tensor, 'allclose'>('allclose');
/** torch.equal(input, …): `input.equal(…)` as a function. */
export const equal = freeFunction<Tensor, 'equal'>('equal');
/** torch.logical_and(input, …): `input.logicalAnd(…)` as a function. */
export const logicalAnd = freeFunction<Tensor, 'logicalAnd'>('logicalAnd');
/** torch.logical_or(input, …): `input.logicalOr(…)` as a function. */
export const logicalOr = freeFunction<Tensor, 'logicalOr'>('logicalOr');
/** torch.logical_not(input, …): `input.logicalNot(…)` as a function. */
export const logicalNot = freeFunction<Tensor, 'logicalNot'>('logicalNot');
/** torch.isnan(input, …): `input.isnan(…)` as a function. */
export const isnan = freeFunction<Tensor, 'isnan'>('isnan');
/** torch.isinf(input, …): `input.isinf(…)` as a function. */
export const isinf = freeFunction<Tensor, 'isinf'>('isinf');
/** torch.isfinite(input, …): `input.isfinite(…)` as a function. */
export const isfinite = freeFunction<Tensor, 'isfinite'>('isfinite');
/** torch.bitwise_and(input, …): `input.bitwiseAnd(…)` as a function. */
export const bitwiseAnd = freeFunction<Tensor, 'bitwiseAnd'>('bitwiseAnd');
/** torch.bitwise_or(input, …): `input.bitwiseOr(…)` as a function. */
export const bitwiseOr = freeFunction<Tensor, 'bitwiseOr'>('bitwiseOr');
/** torch.bitwise_xor(input, …): `input.bitwiseXor(…)` as a function. */
export const bitwiseXor = freeFunction<Tensor, 'bitwiseXor'>('bitwiseXor');
/** torch.bitwise_not(input, …): `input.bitwiseNot(…)` as a function. */
export const bitwiseNot = freeFunction<Tensor, 'bitwiseNot'>('bitwiseNot');
/** torch.bitwise_left_shift(input, …): `input.bitwiseLeftShift(…)` as a function. */
export const bitwiseLeftShift = freeFunction<Tensor, 'bitwiseLeftShift'>('bitwiseLeftShift');
/** torch.bitwise_right_shift(input, …): `input.bitwiseRightShift(…)` as a function. */
export const bitwiseRightShift = freeFunction<Tensor, 'bitwiseRightShift'>('bitwiseRightShift');
/** torch.sum(input, …): `input.sum(…)` as a function. */
export const sum = freeFunction<Tensor, 'sum'>('sum');
/** torch.mean(input, …): `input.mean(…)` as a function. */
export const mean = freeFunction<Tensor, 'mean'>('mean');
/** torch.prod(input, …): `input.prod(…)` as a function. */
export const prod = freeFunction<Tensor, 'prod'>('prod');
/** torch.amax(input, …): `input.amax(…)` as a function. */
export const amax = freeFunction<Tensor, 'amax'>('amax');
/** torch.amin(input, …): `input.amin(…)` as a function. */
export const amin = freeFunction<Tensor, 'amin'>('amin');
/** torch.argmax(input, …): `input.argmax(…)` as a function. */
export const argmax = freeFunction<Tensor, 'argmax'>('argmax');
/** torch.argmin(input, …): `input.argmin(…)` as a function. */
export const argmin = freeFunction<Tensor, 'argmin'>('argmin');
/** torch.var(input, …): `input.var(…)` as a function. */
const variance = freeFunction<Tensor, 'var'>('var');
export { variance as var };
/** torch.std(input, …): `input.std(…)` as a function. */
export const std = freeFunction<Tensor, 'std'>('std');
/** torch.norm(input, …): `input.norm(…)` as a function. */
export const norm = freeFunction<Tensor, 'norm'>('norm');
/** torch.logsumexp(input, …): `input.logsumexp(…)` as a function. */
export const logsumexp = freeFunction<Tensor, 'logsumexp'>('logsumexp');
/** torch.softmax(input, …): `input.softmax(…)` as a function. */
export const softmax = freeFunction<Tensor, 'softmax'>('softmax');
/** torch.log_softmax(input, …): `input.logSoftmax(…)` as a function. */
export const logSoftmax = freeFunction<Tensor, 'logSoftmax'>('logSoftmax');
/** torch.cumsum(input, …): `input.cumsum(…)` as a function. */
export const cumsum = freeFunction<Tensor, 'cumsum'>('cumsum');
/** torch.all(input, …): `input.all(…)` as a function. */
export const all = freeFunction<Tensor, 'all'>('all');
/** torch.any(input, …): `input.any(…)` as a function. */
export const any = freeFunction<Tensor, 'any'>('any');
/** torch.matmul(input, …): `input.matmul(…)` as a function. */
export const matmul = freeFunction<Tensor, 'matmul'>('matmul');
/** torch.mm(input, …): `input.mm(…)` as a function. */
export const mm = freeFunction<Tensor, 'mm'>('mm');
/** torch.bmm(input, …): `input.bmm(…)` as a function. */
export const bmm = freeFunction<Tensor, 'bmm'>('bmm');
/** torch.dot(input, …): `input.dot(…)` as a function. */
export const dot = freeFunction<Tensor, 'dot'>('dot');
/** torch.outer(input, …): `input.outer(…)` as a function. */
export const outer = freeFunction<Tensor, 'outer'>('outer');
/** torch.reshape(input, …): `input.reshape(…)` as a function. */
export const reshape = freeFunction<Tensor, 'reshape'>('reshape');
/** torch.permute(input, …): `input.permute(…)` as a function. */
export const permute = freeFunction<Tensor, 'permute'>('permute');
/** torch.transpose(input, …): `input.transpose(…)` as a function. */
export const transpose = freeFunction<Tensor, 'transpose'>('transpose');
/** torch.t(input, …): `input.t(…)` as a function. */
export const t = freeFunction<Tensor, 't'>('t');
/** torch.squeeze(input, …): `input.squeeze(…)` as a function. */
export const squeeze = freeFunction<Tensor, 'squeeze'>('squeeze');
/** torch.unsqueeze(input, …): `input.unsqueeze(…)` as a function. */
export const unsqueeze = freeFunction<Tensor, 'unsqueeze'>('unsqueeze');
/** torch.flatten(input, …): `input.flatten(…)` as a function. */
export const flatten = freeFunction<Tensor, 'flatten'>('flatten');
/** torch.flip(input, …): `input.flip(…)` as a function. */
export const flip = freeFunction<Tensor, 'flip'>('flip');
/** torch.narrow(input, …): `input.narrow(…)` as a function. */
export const narrow = freeFunction<Tensor, 'narrow'>('narrow');
/** torch.select(input, …): `input.select(…)` as a function. */
export const select = freeFunction<Tensor, 'select'>('select');
/** torch.unbind(input, …): `input.unbind(…)` as a function. */
export const unbind = freeFunction<Tensor, 'unbind'>('unbind');
/** torch.gather(input, …): `input.gather(…)` as a function. */
export const gather = freeFunction<Tensor, 'gather'>('gather');
/** torch.index_select(input, …): `input.indexSelect(…)` as a function. */
export const indexSelect = freeFunction<Tensor, 'indexSelect'>('indexSelect');
/** torch.masked_fill(input, …): `input.maskedFill(…)` as a function. */
export const maskedFill = freeFunction<Tensor, 'maskedFill'>('maskedFill');
/** torch.clone(input, …): `input.clone(…)` as a function. */
export const clone = freeFunction<Tensor, 'clone'>('clone');
/** torch.repeat_interleave(input, …): `input.repeatInterleave(…)` as a function. */
export const repeatInterleave = freeFunction<Tensor, 'repeatInterleave'>('repeatInterleave');
/** torch.roll(input, …): `input.roll(…)` as a function. */
export const roll = freeFunction<Tensor, 'roll'>('roll');
/** torch.tril(input, …): `input.tril(…)` as a function. */
export const tril = freeFunction<Tensor, 'tril'>('tril');
/** torch.triu(input, …): `input.triu(…)` as a function. */
export const triu = freeFunction<Tensor, 'triu'>('triu');
/** torch.diagonal(input, …): `input.diagonal(…)` as a function. */
export const diagonal = freeFunction<Tensor, 'diagonal'>('diagonal');
/** torch.diag(input, …): `input.diag(…)` as a function. */
export const diag = freeFunction<Tensor, 'diag'>('diag');
/** torch.cummax(input, …): `input.cummax(…)` as a function. */
export const cummax = freeFunction<Tensor, 'cummax'>('cummax');
/** torch.cummin(input, …): `input.cummin(…)` as a function. */
export const cummin = freeFunction<Tensor, 'cummin'>('cummin');
/** torch.cumprod(input, …): `input.cumprod(…)` as a function. */
export const cumprod = freeFunction<Tensor, 'cumprod'>('cumprod');
/** torch.logcumsumexp(input, …): `input.logcumsumexp(…)` as a function. */
export const logcumsumexp = freeFunction<Tensor, 'logcumsumexp'>('logcumsumexp');
/** torch.std_mean(input, …): `input.stdMean(…)` as a function. */
export const stdMean = freeFunction<Tensor, 'stdMean'>('stdMean');
/** torch.sort(input, …): `input.sort(…)` as a function. */
export const sort = freeFunction<Tensor, 'sort'>('sort');
/** torch.argsort(input, …): `input.argsort(…)` as a function. */
export const argsort = freeFunction<Tensor, 'argsort'>('argsort');
/** torch.topk(input, …): `input.topk(…)` as a function. */
export const topk = freeFunction<Tensor, 'topk'>('topk');
/** torch.scatter(input, …): `input.scatter(…)` as a function. */
export const scatter = freeFunction<Tensor, 'scatter'>('scatter');
/** torch.scatter_reduce(input, …): `input.scatterReduce(…)` as a function. */
export const scatterReduce = freeFunction<Tensor, 'scatterReduce'>('scatterReduce');
/** torch.nonzero(input, …): `input.nonzero(…)` as a function. */
export const nonzero = freeFunction<Tensor, 'nonzero'>('nonzero');
/** torch.masked_select(input, …): `input.maskedSelect(…)` as a function. */
export const maskedSelect = freeFunction<Tensor, 'maskedSelect'>('maskedSelect');
/** torch.unflatten(input, …): `input.unflatten(…)` as a function. */
export const unflatten = freeFunction<Tensor, 'unflatten'>('unflatten');
