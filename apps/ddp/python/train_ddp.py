"""Trains the Descent-exported DigitsNet with DistributedDataParallel (step 2 of apps/ddp).

Run under torchrun (one process per GPU, or N CPU processes with gloo):

    torchrun --standalone --nproc_per_node=2 --redirects=1 --tee=1 train_ddp.py --work WORK

or, for the single-process reference on the same global batches, with plain python and --single.

Every step takes the next `--batch` examples of a fixed permutation of the training set (the
global batch); rank r of W trains on its contiguous slice of batch/W examples. DDP averages the
gradients over the ranks, so with equal slices the update is the one of the mean loss over the
whole global batch: the same as one process on the global batch. Rank 0 writes the trained weights
(model.module.state_dict(), without DDP's "module." prefix), the optimizer's momentum buffers, and
the test-set logits as safetensors.
"""
import argparse
import importlib.util
import json
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", required=True, help="folder with digits_net.py, digits_net.safetensors, digits.safetensors")
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--batch", type=int, default=64, help="global batch size (divisible by the number of processes)")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--gamma", type=float, default=0.5, help="StepLR factor, applied every --step-size steps")
    p.add_argument("--step-size", type=int, default=100)
    p.add_argument("--seed", type=int, default=0, help="seed of the batch order")
    p.add_argument("--out", default="trained", help="name of the outputs: <out>.safetensors, <out>.logits.safetensors")
    p.add_argument("--single", action="store_true", help="no process group: one process on the whole global batch")
    return p.parse_args()


def load_generated(work):
    spec = importlib.util.spec_from_file_location("digits_net", os.path.join(work, "digits_net.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    args = parse_args()
    torch.set_num_threads(1)
    if args.single:
        rank, world, device = 0, 1, torch.device("cpu")
    else:
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        dist.init_process_group(backend)
        rank, world = dist.get_rank(), dist.get_world_size()
        local = int(os.environ.get("LOCAL_RANK", "0"))
        device = torch.device(f"cuda:{local}") if backend == "nccl" else torch.device("cpu")
        if backend == "nccl":
            torch.cuda.set_device(device)
    if args.batch % world != 0:
        raise SystemExit(f"--batch {args.batch} is not divisible by the {world} processes")

    generated = load_generated(args.work)
    data = generated.read_safetensors(os.path.join(args.work, "digits.safetensors"))
    x_train, y_train = data["x_train"].to(device), data["y_train"].long().to(device)
    net = generated.load(os.path.join(args.work, "digits_net.safetensors")).to(device)
    model = net if args.single else DistributedDataParallel(net, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.step_size, gamma=args.gamma)

    order = torch.randperm(len(x_train), generator=torch.Generator().manual_seed(args.seed)).to(device)
    share = args.batch // world
    losses = []
    for step in range(args.steps):
        start = (step * args.batch) % len(order)
        batch = order[start:start + args.batch]
        if len(batch) < args.batch:  # wrap around the end of the permutation
            batch = torch.cat([batch, order[:args.batch - len(batch)]])
        mine = batch[rank * share:(rank + 1) * share]
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_train[mine]), y_train[mine])
        loss.backward()
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())

    if rank == 0:
        net.eval()
        with torch.no_grad():
            logits = net(data["x_test"].to(device))
        accuracy = (logits.argmax(1).cpu() == data["y_test"].long()).float().mean().item()
        out = os.path.join(args.work, args.out)
        generated.write_safetensors(net.state_dict(), out + ".safetensors", {"format": "pt"})
        momentum = {name: optimizer.state[p]["momentum_buffer"] for name, p in net.named_parameters()}
        generated.write_safetensors(momentum, out + ".momentum.safetensors", {"scheduler": json.dumps(scheduler.state_dict())})
        generated.write_safetensors({"logits": logits, "order": order}, out + ".logits.safetensors")
        print(json.dumps({"world_size": world, "steps": args.steps, "first_loss": losses[0], "last_loss": losses[-1], "test_accuracy": accuracy}), flush=True)
    if not args.single:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
