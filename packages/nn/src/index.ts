export { serialize } from './safetensors/serialize';
export type { SerializeOptions } from './safetensors/serialize';
export { parseSafetensors } from './safetensors/parse';
export type { ParsedSafetensors, RawTensor } from './safetensors/parse';
export type { SafetensorsDType } from './safetensors/dtypes';
