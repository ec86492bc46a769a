/** Builds an IDX file by hand (big-endian header, as the MNIST page describes) for tests. */
export function idxBytes(
  typeCode: number,
  shape: number[],
  values: number[],
  bytesPerValue = 1,
): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = shape.length;
  shape.forEach((s, i) => view.setUint32(4 + 4 * i, s, false));
  const body = new Uint8Array(values.length * bytesPerValue);
  const bodyView = new DataView(body.buffer);
  values.forEach((v, i) => {
    if (typeCode === 0x08) bodyView.setUint8(i, v);
    else if (typeCode === 0x0b) bodyView.setInt16(2 * i, v, false);
    else if (typeCode === 0x0c) bodyView.setInt32(4 * i, v, false);
    else if (typeCode === 0x0d) bodyView.setFloat32(4 * i, v, false);
    else if (typeCode === 0x0e) bodyView.setFloat64(8 * i, v, false);
    else bodyView.setInt8(i, v);
  });
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
