/**
 * The Python that every generated file carries besides its classes: a safetensors reader and
 * writer (the `safetensors` package when it is installed, otherwise its format by hand: an 8-byte
 * little-endian header length, a JSON header, raw little-endian bytes) and `load`.
 */

/** The file's preamble: imports and the safetensors functions. */
export const PYTHON_PREAMBLE = `import json
import os
import struct
import sys
from collections import OrderedDict

import torch
from torch import nn

__all__ = ["MODEL_CLASS", "load", "read_safetensors", "write_safetensors"]

_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
    "U8": torch.uint8, "BOOL": torch.bool,
}
_NAMES = {dtype: name for name, dtype in _DTYPES.items()}


def read_safetensors(path):
    """Reads a safetensors file into an OrderedDict of CPU tensors (safetensors.torch.load_file)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    if sys.byteorder != "little":
        raise RuntimeError("read_safetensors: a big-endian host needs the safetensors package")
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"read_safetensors: '{path}' is {len(data)} bytes, shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if 8 + n > len(data):
        raise ValueError(f"read_safetensors: '{path}' declares a {n}-byte header but has {len(data) - 8} bytes after the length")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = OrderedDict()
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in _DTYPES:
            raise ValueError(f"read_safetensors: tensor '{name}' has unsupported dtype {info['dtype']}")
        dtype = _DTYPES[info["dtype"]]
        start, end = info["data_offsets"]
        if base + end > len(data):
            raise ValueError(f"read_safetensors: tensor '{name}' ends past the end of '{path}'")
        if end > start:
            flat = torch.frombuffer(bytearray(data[base + start:base + end]), dtype=dtype)
        else:
            flat = torch.empty(0, dtype=dtype)
        out[name] = flat.reshape(info["shape"])
    return out


def write_safetensors(tensors, path, metadata=None):
    """Writes a dict of tensors as safetensors (safetensors.torch.save_file), atomically."""
    tensors = OrderedDict((k, v.detach().cpu().contiguous()) for k, v in tensors.items())
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        from safetensors.torch import save_file
    except ImportError:
        save_file = None
    if save_file is not None:
        save_file(tensors, tmp, metadata)
    else:
        if sys.byteorder != "little":
            raise RuntimeError("write_safetensors: a big-endian host needs the safetensors package")
        header = OrderedDict()
        if metadata:
            header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
        chunks = []
        offset = 0
        for name, t in tensors.items():
            if t.dtype not in _NAMES:
                raise ValueError(f"write_safetensors: tensor '{name}' has unsupported dtype {t.dtype}")
            raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
            header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
            chunks.append(raw)
            offset += len(raw)
        encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
        encoded += b" " * (-len(encoded) % 8)
        with open(tmp, "wb") as f:
            f.write(struct.pack("<Q", len(encoded)))
            f.write(encoded)
            for raw in chunks:
                f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, path)
`;

/** `load` and the `MODEL_CLASS` alias, after the classes. */
export function pythonLoad(className: string, dtype: 'float32' | 'float64'): string {
  return `
MODEL_CLASS = ${className}
DTYPE = torch.${dtype}


def load(checkpoint_path):
    """Returns a ${className} holding the weights of the safetensors checkpoint (strict names and shapes)."""
    model = ${className}().to(DTYPE)
    model.load_state_dict(read_safetensors(checkpoint_path), strict=True)
    return model
`;
}
