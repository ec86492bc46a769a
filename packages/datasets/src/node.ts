export { parseIdx, readIdx, isGzip } from './node/idx';
export type { IdxArray, IdxOptions } from './node/idx';
export { parseCsv, readCsv } from './node/csv';
export type { CsvOptions, CsvTable } from './node/csv';
export { download, verifyChecksum } from './node/download';
export type { DownloadOptions } from './node/download';
export { loadMnist, MNIST_MD5, MNIST_URLS } from './node/mnist';
export type { LoadMnistOptions, MnistData } from './node/mnist';
