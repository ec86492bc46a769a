"""Runs models that toPyTorch generated, for to-pytorch.test.ts.

usage: python3 run_models.py jobs.json

Each job is {"python": <generated .py>, "checkpoint": <.safetensors>, "inputs": <.safetensors with
x0, x1, ...>, "output": <.safetensors to write>, "call": "forward" | "mha"}. The model is loaded with
the generated load() (strict state-dict loading), put in eval mode and run on the inputs under
no_grad; every tensor of the result (tuples flattened in order) is written as out0, out1, ... with
the model's state-dict keys in the metadata. A job that fails writes its error instead.
"""
import importlib.util
import json
import sys

import torch


def flatten(value):
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in flatten(v)]
    return []


def run(job, index):
    spec = importlib.util.spec_from_file_location(f"generated_{index}", job["python"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load(job["checkpoint"]).eval()
    inputs = module.read_safetensors(job["inputs"])
    args = [inputs[f"x{i}"] for i in range(len(inputs))]
    with torch.no_grad():
        if job.get("call") == "mha":
            result = model(*args, need_weights=True)
        else:
            result = model(*args)
    outputs = {f"out{i}": t for i, t in enumerate(flatten(result))}
    keys = list(model.state_dict().keys())
    module.write_safetensors(outputs, job["output"], {"keys": json.dumps(keys), "class": type(model).__mro__[1].__name__})


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    torch.manual_seed(0)
    for index, job in enumerate(jobs):
        try:
            run(job, index)
        except Exception as error:  # reported to the test, which fails on it
            with open(job["output"] + ".error", "w") as f:
                f.write(f"{type(error).__name__}: {error}")


main()
