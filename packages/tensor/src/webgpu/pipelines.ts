/// <reference types="@webgpu/types" />
/**
 * Compiled compute pipelines, keyed by kernel name + dtype + static parameters. A kernel reads its
 * shapes and strides from buffers at run time, so one pipeline serves every shape of its class and
 * WGSL is compiled once per key.
 */

/** Counters of the cache. */
export interface PipelineCounters {
  /** Pipelines compiled. */
  compiled: number;
  /** Lookups served from the cache. */
  hits: number;
}

/** The cache; one per device. */
export class PipelineCache {
  /** Running totals. */
  readonly counters: PipelineCounters = { compiled: 0, hits: 0 };
  private readonly device: GPUDevice;
  private readonly cache = new Map<string, GPUComputePipeline>();

  constructor(device: GPUDevice) {
    this.device = device;
  }

  /** The pipeline for `key`, compiling `source()` (entry point `main`) the first time. */
  get(key: string, source: () => string): GPUComputePipeline {
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.counters.hits++;
      return hit;
    }
    const module = this.device.createShaderModule({ code: source(), label: key });
    const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: key });
    this.cache.set(key, pipeline);
    this.counters.compiled++;
    return pipeline;
  }
}
