"""Writes references.json: PyTorch 1.13 references for @descent/lr-scheduler beyond
fixtures/golden/schedulers.json (same conventions: camelCase options, lrLambda as data).

Run with Debian's python3-torch: /usr/bin/python3 gen_references.py (re-running gives the same file).

- calls: like the golden protocol, but each entry of `calls` is either null (`scheduler.step()`) or a
  number (`scheduler.step(epoch)`: PyTorch's closed form where it has one, fractional epochs for
  CosineAnnealingWarmRestarts); `lrs[0]` is after construction, `lrs[k + 1]` after calls[k].
  Also composed schedulers the golden file lacks, per-group lambda lists and CyclicLR's scaleFn.
- resume: run the scheduler `before` steps, copy every param group (all keys but params, camelCase:
  initial_lr -> initialLr, ...) into `groups`, then build the same scheduler on an optimizer holding
  exactly those groups with `lastEpoch` (its construction step included) and step it `after` times.
- errors: the exact message PyTorch raises for each named bad input (`python` is its exception
  class); the test builds the same input by name.

lrLambda / scaleFn kinds: pow: base**x; inverse_time: 1/(1 + decay*x); constant: factor.
"""
import json
import warnings

import torch
from torch.optim import SGD, Adagrad, Adam
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

SNAKE = {
    "stepSize": "step_size", "totalIters": "total_iters", "startFactor": "start_factor",
    "endFactor": "end_factor", "tMax": "T_max", "etaMin": "eta_min", "t0": "T_0", "tMult": "T_mult",
    "baseLr": "base_lr", "maxLr": "max_lr", "stepSizeUp": "step_size_up",
    "stepSizeDown": "step_size_down", "scaleFn": "scale_fn", "scaleMode": "scale_mode",
    "cycleMomentum": "cycle_momentum", "baseMomentum": "base_momentum", "maxMomentum": "max_momentum",
    "totalSteps": "total_steps", "stepsPerEpoch": "steps_per_epoch", "pctStart": "pct_start",
    "annealStrategy": "anneal_strategy", "divFactor": "div_factor", "finalDivFactor": "final_div_factor",
    "threePhase": "three_phase", "thresholdMode": "threshold_mode", "minLr": "min_lr",
    "lrLambda": "lr_lambda", "lastEpoch": "last_epoch",
}
CAMEL_GROUP = {"initial_lr": "initialLr", "max_lr": "maxLr", "min_lr": "minLr",
               "max_momentum": "maxMomentum", "base_momentum": "baseMomentum"}


def fn_of(d):
    if d["kind"] == "pow":
        return lambda x: d["base"] ** x
    if d["kind"] == "inverse_time":
        return lambda x: 1 / (1 + d["decay"] * x)
    if d["kind"] == "constant":
        return lambda x: d["factor"]
    raise ValueError(d)


def py_options(options):
    out = {}
    for k, v in options.items():
        if k in ("lrLambda", "scaleFn"):
            v = [fn_of(x) for x in v] if isinstance(v, list) else fn_of(v)
        out[SNAKE.get(k, k)] = v
    return out


def make_optimizer(spec, groups=None):
    base = groups or [{"lr": lr} for lr in spec["lrs"]]
    params = [{"params": [torch.zeros(1, requires_grad=True)], **g} for g in base]
    if spec["kind"] == "Adam":
        return Adam(params, lr=spec["lrs"][0], betas=tuple(spec.get("betas", (0.9, 0.999))))
    if spec["kind"] == "Adagrad":
        return Adagrad(params, lr=spec["lrs"][0])
    return SGD(params, lr=spec["lrs"][0], momentum=spec.get("momentum", 0))


def build(spec, opt, extra=None):
    opts = py_options({**spec.get("options", {}), **(extra or {})})
    kids = [build(c, opt) for c in spec.get("schedulers", [])]
    if spec["scheduler"] == "SequentialLR":
        return S.SequentialLR(opt, schedulers=kids, **opts)
    if spec["scheduler"] == "ChainedScheduler":
        return S.ChainedScheduler(kids)
    return getattr(S, spec["scheduler"])(opt, **opts)


def read(opt, track):
    lrs = [g["lr"] for g in opt.param_groups]
    if track == "beta1":
        return lrs, [g["betas"][0] for g in opt.param_groups]
    if track == "momentum":
        return lrs, [g["momentum"] for g in opt.param_groups]
    return lrs, None


def run_calls(case):
    opt = make_optimizer(case["optimizer"])
    sched = build(case, opt)
    track = case.get("track")
    lrs, moms = [], []

    def record():
        lr, m = read(opt, track)
        lrs.append(lr)
        moms.append(m)

    record()
    for c in case["calls"]:
        opt.step()
        if c is None:
            sched.step()
        else:
            sched.step(c)
        record()
        assert sched.get_last_lr() == lrs[-1]
    out = {**case, "lrs": lrs}
    if track:
        out[track] = moms
    return out


def run_resume(case):
    opt = make_optimizer(case["optimizer"])
    sched = build(case, opt)
    for _ in range(case["before"]):
        opt.step()
        sched.step()
    saved = [{k: v for k, v in g.items() if k != "params"} for g in opt.param_groups]
    # Only what a scheduler reads or writes (lr, momentum, betas and the scheduler's own keys).
    groups = [{CAMEL_GROUP.get(k, k): (list(v) if isinstance(v, tuple) else v) for k, v in g.items()
               if k in ("lr", "momentum", "betas") or k in CAMEL_GROUP} for g in saved]
    # What optimizer.load_state_dict does: a fresh optimizer whose groups take every saved key.
    opt2 = make_optimizer(case["optimizer"])
    for g2, g in zip(opt2.param_groups, saved):
        g2.update(g)
    sched2 = build(case, opt2, {"lastEpoch": sched.last_epoch})
    track = case.get("track")
    lrs, moms = [], []
    for i in range(case["after"] + 1):
        if i:
            opt2.step()
            sched2.step()
        lr, m = read(opt2, track)
        lrs.append(lr)
        moms.append(m)
    out = {**case, "groups": groups, "lastEpoch": sched.last_epoch, "lrs": lrs}
    if track:
        out[track] = moms
    return out


SGD1 = {"kind": "SGD", "lrs": [0.1], "momentum": 0.9}
SGD2 = {"kind": "SGD", "lrs": [0.1, 0.01], "momentum": 0.9}
ADAM2 = {"kind": "Adam", "lrs": [0.001, 0.01], "betas": [0.9, 0.999]}
BACK_AND_FORTH = [3, 7, 2, 10, 0, 5, None, None, 12.0, None]

CALLS = [
    # step(epoch): the closed forms, in any order, then step() again from there.
    {"name": "steplr_epochs", "scheduler": "StepLR", "options": {"stepSize": 3, "gamma": 0.5}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "multisteplr_epochs", "scheduler": "MultiStepLR", "options": {"milestones": [2, 5, 5, 9], "gamma": 0.5}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "constantlr_epochs", "scheduler": "ConstantLR", "options": {"factor": 0.5, "totalIters": 4}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "linearlr_epochs", "scheduler": "LinearLR", "options": {"startFactor": 0.25, "totalIters": 8}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "exponentiallr_epochs", "scheduler": "ExponentialLR", "options": {"gamma": 0.9}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "polynomiallr_epochs", "scheduler": "PolynomialLR", "options": {"totalIters": 11, "power": 2.0}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "cosine_epochs", "scheduler": "CosineAnnealingLR", "options": {"tMax": 8, "etaMin": 0.001}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "lambdalr_epochs", "scheduler": "LambdaLR", "options": {"lrLambda": {"kind": "pow", "base": 0.9}}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    {"name": "multiplicativelr_epochs", "scheduler": "MultiplicativeLR", "options": {"lrLambda": {"kind": "constant", "factor": 0.9}}, "optimizer": SGD2, "calls": BACK_AND_FORTH},
    # CosineAnnealingWarmRestarts per batch: step(epoch + i / iters), and interleaved with step().
    {"name": "warm_restarts_fractional", "scheduler": "CosineAnnealingWarmRestarts", "options": {"t0": 3, "etaMin": 0.001}, "optimizer": SGD2,
     "calls": [e + i / 4 for e in range(8) for i in range(4)]},
    {"name": "warm_restarts_fractional_tmult2", "scheduler": "CosineAnnealingWarmRestarts", "options": {"t0": 2, "tMult": 2}, "optimizer": SGD1,
     "calls": [e + i / 5 for e in range(16) for i in range(5)]},
    {"name": "warm_restarts_interleaved", "scheduler": "CosineAnnealingWarmRestarts", "options": {"t0": 4, "tMult": 3, "etaMin": 0.01}, "optimizer": SGD1,
     "calls": [None, None, 5.5, None, None, 0.25, None, 17.0, None, None, 40.75, None, 3, None]},
    # Per-group lambda lists.
    {"name": "lambdalr_per_group", "scheduler": "LambdaLR", "options": {"lrLambda": [{"kind": "pow", "base": 0.9}, {"kind": "inverse_time", "decay": 0.5}]}, "optimizer": SGD2, "calls": [None] * 10},
    {"name": "multiplicativelr_per_group", "scheduler": "MultiplicativeLR", "options": {"lrLambda": [{"kind": "constant", "factor": 0.8}, {"kind": "pow", "base": 0.99}]}, "optimizer": SGD2, "calls": [None] * 10},
    # CyclicLR: custom scale functions in both scale modes, an uneven triangle, two groups.
    {"name": "cyclic_scalefn_cycle", "scheduler": "CyclicLR", "options": {"baseLr": [0.01, 0.001], "maxLr": [0.1, 0.004], "stepSizeUp": 2, "stepSizeDown": 5, "scaleFn": {"kind": "pow", "base": 0.7}, "scaleMode": "cycle"}, "optimizer": SGD2, "track": "momentum", "calls": [None] * 30},
    {"name": "cyclic_scalefn_iterations", "scheduler": "CyclicLR", "options": {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 3, "scaleFn": {"kind": "inverse_time", "decay": 0.2}, "scaleMode": "iterations", "baseMomentum": [0.7, 0.8], "maxMomentum": [0.95, 0.9]}, "optimizer": SGD2, "track": "momentum", "calls": [None] * 24},
    {"name": "cyclic_triangular2_uneven", "scheduler": "CyclicLR", "options": {"baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 5, "stepSizeDown": 2, "mode": "triangular2"}, "optimizer": SGD1, "track": "momentum", "calls": [None] * 30},
    # OneCycleLR: three phases with Adam's beta1; per-group momentum bounds.
    {"name": "onecycle_adam_three_phase", "scheduler": "OneCycleLR", "options": {"maxLr": [0.01, 0.05], "totalSteps": 20, "threePhase": True, "baseMomentum": [0.8, 0.85], "maxMomentum": 0.95}, "optimizer": ADAM2, "track": "beta1", "calls": [None] * 20},
    # Composed schedulers the golden file lacks.
    {"name": "sequential_constant_warm_restarts", "scheduler": "SequentialLR", "options": {"milestones": [3]}, "optimizer": SGD2, "calls": [None] * 16,
     "schedulers": [{"scheduler": "ConstantLR", "options": {"factor": 0.1, "totalIters": 3}}, {"scheduler": "CosineAnnealingWarmRestarts", "options": {"t0": 4, "tMult": 2}}]},
    {"name": "sequential_linear_cosine_exponential", "scheduler": "SequentialLR", "options": {"milestones": [4, 10]}, "optimizer": SGD2, "calls": [None] * 18,
     "schedulers": [{"scheduler": "LinearLR", "options": {"startFactor": 0.2, "totalIters": 4}}, {"scheduler": "CosineAnnealingLR", "options": {"tMax": 6, "etaMin": 0.001}}, {"scheduler": "ExponentialLR", "options": {"gamma": 0.8}}]},
    {"name": "sequential_multiplicative_polynomial", "scheduler": "SequentialLR", "options": {"milestones": [5]}, "optimizer": SGD1, "calls": [None] * 14,
     "schedulers": [{"scheduler": "MultiplicativeLR", "options": {"lrLambda": {"kind": "constant", "factor": 0.8}}}, {"scheduler": "PolynomialLR", "options": {"totalIters": 6, "power": 1.5}}]},
    {"name": "chained_linear_cosine", "scheduler": "ChainedScheduler", "options": {}, "optimizer": SGD2, "calls": [None] * 20,
     "schedulers": [{"scheduler": "LinearLR", "options": {"startFactor": 0.1, "totalIters": 5}}, {"scheduler": "CosineAnnealingLR", "options": {"tMax": 20}}]},
    {"name": "chained_exponential_multiplicative_polynomial", "scheduler": "ChainedScheduler", "options": {}, "optimizer": SGD2, "calls": [None] * 12,
     "schedulers": [{"scheduler": "ExponentialLR", "options": {"gamma": 0.95}}, {"scheduler": "MultiplicativeLR", "options": {"lrLambda": {"kind": "pow", "base": 0.99}}}, {"scheduler": "PolynomialLR", "options": {"totalIters": 8}}]},
    {"name": "chained_lambda_then_step", "scheduler": "ChainedScheduler", "options": {}, "optimizer": SGD1, "calls": [None] * 10,
     "schedulers": [{"scheduler": "LambdaLR", "options": {"lrLambda": {"kind": "pow", "base": 0.9}}}, {"scheduler": "StepLR", "options": {"stepSize": 3, "gamma": 0.5}}],
     "note": "LambdaLR is not chainable: it rewrites base*lambda each step, so StepLR's factor only survives within the step it is applied"},
]

RESUME = [
    {"name": "steplr", "scheduler": "StepLR", "options": {"stepSize": 3, "gamma": 0.5}, "optimizer": SGD2, "before": 5, "after": 8},
    {"name": "multisteplr", "scheduler": "MultiStepLR", "options": {"milestones": [2, 6, 6, 9], "gamma": 0.5}, "optimizer": SGD2, "before": 5, "after": 8},
    {"name": "constantlr", "scheduler": "ConstantLR", "options": {"factor": 0.5, "totalIters": 4}, "optimizer": SGD2, "before": 2, "after": 6},
    {"name": "linearlr", "scheduler": "LinearLR", "options": {"startFactor": 0.25, "totalIters": 6}, "optimizer": SGD2, "before": 3, "after": 6},
    {"name": "exponentiallr", "scheduler": "ExponentialLR", "options": {"gamma": 0.9}, "optimizer": SGD2, "before": 4, "after": 6},
    {"name": "polynomiallr", "scheduler": "PolynomialLR", "options": {"totalIters": 8, "power": 2.0}, "optimizer": SGD2, "before": 3, "after": 7},
    {"name": "cosine", "scheduler": "CosineAnnealingLR", "options": {"tMax": 6, "etaMin": 0.001}, "optimizer": SGD2, "before": 4, "after": 12,
     "note": "the resumed construction step takes the closed form (_step_count == 1 and last_epoch > 0)"},
    {"name": "warm_restarts", "scheduler": "CosineAnnealingWarmRestarts", "options": {"t0": 3, "tMult": 2}, "optimizer": SGD2, "before": 4, "after": 12,
     "note": "T_cur restarts from last_epoch and T_i from T_0: PyTorch's resumed cycle differs from the uninterrupted one"},
    {"name": "lambdalr", "scheduler": "LambdaLR", "options": {"lrLambda": {"kind": "pow", "base": 0.9}}, "optimizer": SGD2, "before": 4, "after": 5},
    {"name": "multiplicativelr", "scheduler": "MultiplicativeLR", "options": {"lrLambda": {"kind": "constant", "factor": 0.9}}, "optimizer": SGD2, "before": 4, "after": 5},
    {"name": "cyclic", "scheduler": "CyclicLR", "options": {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 3, "mode": "triangular2"}, "optimizer": SGD2, "track": "momentum", "before": 4, "after": 14,
     "note": "resuming keeps the groups' lr and momentum, and takes base momentums from the groups' current momentum"},
    {"name": "onecycle", "scheduler": "OneCycleLR", "options": {"maxLr": 0.1, "totalSteps": 20}, "optimizer": SGD2, "track": "momentum", "before": 7, "after": 12},
    {"name": "onecycle_adam", "scheduler": "OneCycleLR", "options": {"maxLr": [0.01, 0.02], "totalSteps": 12, "threePhase": True}, "optimizer": ADAM2, "track": "beta1", "before": 5, "after": 6},
]


def error_of(thunk):
    try:
        thunk()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        return {"python": type(e).__name__, "message": str(e.args[0])}
    raise AssertionError("no error")


def sgd(n=1, momentum=0.9):
    return make_optimizer({"kind": "SGD", "lrs": [0.1] * n, "momentum": momentum})


def adam():
    return make_optimizer({"kind": "Adam", "lrs": [0.1]})


def adagrad():
    return make_optimizer({"kind": "Adagrad", "lrs": [0.1]})


def onecycle_past_total():
    s = S.OneCycleLR(sgd(), max_lr=0.1, total_steps=30)
    for _ in range(31):
        s.step()


def sequential_other_optimizer():
    o = sgd()
    S.SequentialLR(o, schedulers=[S.ConstantLR(o), S.ExponentialLR(sgd(), gamma=0.9)], milestones=[2])


def sequential_milestones():
    o = sgd()
    S.SequentialLR(o, schedulers=[S.ConstantLR(o), S.ExponentialLR(o, gamma=0.9)], milestones=[2, 4])


ERRORS = {
    "resume_without_initial_lr": lambda: S.StepLR(sgd(), step_size=2, last_epoch=4),
    "lambdalr_count": lambda: S.LambdaLR(sgd(2), lr_lambda=[lambda e: 1.0] * 3),
    "multiplicativelr_count": lambda: S.MultiplicativeLR(sgd(2), lr_lambda=[lambda e: 1.0] * 3),
    "constantlr_factor": lambda: S.ConstantLR(sgd(), factor=1.5),
    "linearlr_end_factor": lambda: S.LinearLR(sgd(), end_factor=1.5),
    "warm_restarts_t0": lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=-1),
    "warm_restarts_t0_fraction": lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=2.5),
    "warm_restarts_tmult": lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=2, T_mult=0),
    "warm_restarts_tmult_fraction": lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=2, T_mult=1.5),
    "warm_restarts_negative_epoch": lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=2).step(-1),
    "cyclic_mode": lambda: S.CyclicLR(sgd(), base_lr=0.1, max_lr=1, mode="zigzag"),
    "cyclic_no_momentum": lambda: S.CyclicLR(adam(), base_lr=0.1, max_lr=1),
    "cyclic_base_lr_count": lambda: S.CyclicLR(sgd(2), base_lr=[0.1, 0.2, 0.3], max_lr=1),
    "cyclic_max_lr_count": lambda: S.CyclicLR(sgd(2), base_lr=0.1, max_lr=[1, 2, 3]),
    "cyclic_base_momentum_count": lambda: S.CyclicLR(sgd(2), base_lr=0.1, max_lr=1, base_momentum=[0.8]),
    "cyclic_max_momentum_count": lambda: S.CyclicLR(sgd(2), base_lr=0.1, max_lr=1, max_momentum=[0.9]),
    "onecycle_no_total": lambda: S.OneCycleLR(sgd(), max_lr=0.1),
    "onecycle_total_steps": lambda: S.OneCycleLR(sgd(), max_lr=0.1, total_steps=0),
    "onecycle_total_steps_fraction": lambda: S.OneCycleLR(sgd(), max_lr=0.1, total_steps=2.5),
    "onecycle_epochs": lambda: S.OneCycleLR(sgd(), max_lr=0.1, epochs=0, steps_per_epoch=5),
    "onecycle_steps_per_epoch": lambda: S.OneCycleLR(sgd(), max_lr=0.1, epochs=2, steps_per_epoch=-3),
    "onecycle_pct_start": lambda: S.OneCycleLR(sgd(), max_lr=0.1, total_steps=10, pct_start=1.5),
    "onecycle_anneal_strategy": lambda: S.OneCycleLR(sgd(), max_lr=0.1, total_steps=10, anneal_strategy="exp"),
    "onecycle_no_momentum": lambda: S.OneCycleLR(adagrad(), max_lr=0.1, total_steps=10),
    "onecycle_max_lr_count": lambda: S.OneCycleLR(sgd(2), max_lr=[0.1], total_steps=10),
    "onecycle_past_total": onecycle_past_total,
    "plateau_factor": lambda: S.ReduceLROnPlateau(sgd(), factor=1.0),
    "plateau_min_lr_count": lambda: S.ReduceLROnPlateau(sgd(2), min_lr=[0.1, 0.2, 0.3]),
    "plateau_mode": lambda: S.ReduceLROnPlateau(sgd(), mode="best"),
    "plateau_threshold_mode": lambda: S.ReduceLROnPlateau(sgd(), threshold_mode="pct"),
    "sequential_other_optimizer": sequential_other_optimizer,
    "sequential_milestones": sequential_milestones,
    "chained_other_optimizer": lambda: S.ChainedScheduler([S.ConstantLR(sgd()), S.ExponentialLR(sgd(), gamma=0.9)]),
}


def main():
    out = {
        "torch": torch.__version__,
        "tolerance": {"rtol": 1e-10, "atol": 1e-12},
        "calls": [run_calls(c) for c in CALLS],
        "resume": [run_resume(c) for c in RESUME],
        "errors": {name: error_of(thunk) for name, thunk in ERRORS.items()},
    }
    with open(__file__.replace("gen_references.py", "references.json"), "w") as f:
        f.write("{\n")
        f.write(f'"torch": {json.dumps(out["torch"])},\n"tolerance": {json.dumps(out["tolerance"])},\n')
        for key in ("calls", "resume"):
            f.write(f'"{key}": [\n' + ",\n".join(json.dumps(c) for c in out[key]) + "\n],\n")
        f.write('"errors": {\n' + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in out["errors"].items()) + "\n}\n}\n")


if __name__ == "__main__":
    main()
