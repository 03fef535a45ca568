#!/usr/bin/env python3
"""PyTorch side of MaskStudio's benchmarks (docs/performance.md): the same workloads as
`maskstudio bench layer` and `maskstudio bench mlp`, one JSON object per line.

  layer: one full training step of a masked in -> out layer (forward, dW and dx, optimizer step),
         median ms per step, for the variants
           dense  - nn.Linear without a mask (the dense reference)
           masked - nn.Linear with weight*mask in forward (torch.nn.utils.prune's way)
           coo    - weights as the values of a sparse COO tensor, torch.sparse.mm (memory ~ nnz)
           csr    - the same with a sparse CSR tensor (skipped where this PyTorch can't train it)
  mlp:   steps per second of a masked MLP (relu hidden layers, cross-entropy, Adam) on one fixed batch.

Debian's python3-torch (1.13) runs with `/usr/bin/python3 docs/bench_torch.py ...`.
"""
import argparse
import json
import os
import statistics
import sys
import time

import warnings

import torch
import torch.nn.functional as F
from torch.nn.utils import prune

warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")


def random_indices(out_f, in_f, density, gen):
    """[2, nnz] row/column indices with exactly round(density*in) (at least 1) distinct random columns
    per row, ascending, like Benchmarks.randomMask. Never materializes a dense [out, in] tensor."""
    per_row = max(1, min(in_f, round(density * in_f)))
    # argsort whenever the [out, in] scores fit: drawing per_row columns and redrawing rows with a repeat never ends
    # once per_row is large against sqrt(in) (30% of 784: every row repeats a column)
    if per_row * 2 > in_f or out_f * in_f <= 50_000_000:
        cols = torch.argsort(torch.rand(out_f, in_f, generator=gen), dim=1)[:, :per_row]
    else:
        cols = torch.randint(0, in_f, (out_f, per_row), generator=gen)
        while True:  # resample the (rare) rows that drew a column twice
            cols, _ = torch.sort(cols, dim=1)
            dup = (cols[:, 1:] == cols[:, :-1]).any(dim=1) if per_row > 1 else torch.zeros(out_f, dtype=torch.bool)
            if not bool(dup.any()):
                break
            cols[dup] = torch.randint(0, in_f, (int(dup.sum()), per_row), generator=gen)
    cols, _ = torch.sort(cols, dim=1)
    rows = torch.arange(out_f).repeat_interleave(per_row)
    return torch.stack([rows, cols.reshape(-1)])


def dense_mask(idx, out_f, in_f):
    m = torch.zeros(out_f, in_f, dtype=torch.bool)
    m[idx[0], idx[1]] = True
    return m


def info():
    return {"framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
            "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE")}


def layer_step_fn(variant, batch, in_f, out_f, density, gen, lr=1e-3):
    x = torch.rand(batch, in_f, generator=gen) * 2 - 1
    x.requires_grad_(True)  # dx is one of the two backward products
    g = torch.rand(batch, out_f, generator=gen) * 2 - 1
    idx = random_indices(out_f, in_f, density, gen)
    nnz = idx.shape[1]
    bias = torch.zeros(out_f, requires_grad=True)
    if variant in ("dense", "masked"):
        w = (torch.randn(out_f, in_f, generator=gen) * 0.01).requires_grad_(True)
        m = dense_mask(idx, out_f, in_f).float()
        params = [w, bias]

        def forward():
            return F.linear(x, w * m if variant == "masked" else w, bias)
    elif variant in ("coo", "csr"):
        values = (torch.randn(idx.shape[1], generator=gen) * 0.01).requires_grad_(True)
        params = [values, bias]
        if variant == "coo":
            def forward():
                W = torch.sparse_coo_tensor(idx, values, (out_f, in_f))
                return torch.sparse.mm(W, x.t()).t() + bias
        else:
            crow = torch.zeros(out_f + 1, dtype=torch.int64)
            crow[1:] = torch.cumsum(torch.bincount(idx[0], minlength=out_f), 0)
            col = idx[1].contiguous()

            def forward():
                W = torch.sparse_csr_tensor(crow, col, values, (out_f, in_f))
                return (W @ x.t()).t() + bias
    else:
        raise ValueError(variant)
    opt = torch.optim.Adam(params, lr=lr)

    def step():
        opt.zero_grad(set_to_none=True)
        x.grad = None
        y = forward()
        y.backward(g)
        opt.step()
    return step, nnz


def bench_layer(a):
    gen = torch.Generator().manual_seed(a.seed)
    rows = []
    for variant in a.variants.split(","):
        try:
            step, nnz = layer_step_fn(variant, a.batch, a.in_f, a.out_f, a.density, gen)
            for _ in range(max(1, min(5, a.steps // 5))):
                step()
            times = []
            for _ in range(a.steps):
                t0 = time.perf_counter()
                step()
                times.append((time.perf_counter() - t0) * 1e3)
            row = {"bench": "layer", "variant": variant, "batch": a.batch, "in": a.in_f, "out": a.out_f,
                   "density": a.density, "connections": nnz, "steps": a.steps,
                   "ms_per_step": round(statistics.median(times), 3), "min_ms": round(min(times), 3)}
        except (RuntimeError, NotImplementedError, MemoryError) as e:
            row = {"bench": "layer", "variant": variant, "error": str(e).splitlines()[0][:200]}
        row.update(info())
        print(json.dumps(row), flush=True)


def bench_mlp(a):
    gen = torch.Generator().manual_seed(a.seed)
    sizes = [int(s) for s in a.layers.split(",")]
    ws, bs, ms = [], [], []
    dens = [float(d) for d in str(a.density).split(",")]
    dens = dens * (len(sizes) - 1) if len(dens) == 1 else dens
    for k in range(1, len(sizes)):
        m = dense_mask(random_indices(sizes[k], sizes[k - 1], dens[k - 1], gen), sizes[k], sizes[k - 1]).float()
        fan_in = m.sum(dim=1, keepdim=True).clamp(min=1)
        w = (torch.randn(sizes[k], sizes[k - 1], generator=gen) * torch.sqrt(2.0 / fan_in) * m).requires_grad_(True)
        ws.append(w)
        bs.append(torch.zeros(sizes[k], requires_grad=True))
        ms.append(m)
    x = torch.rand(a.batch, sizes[0], generator=gen) * 2 - 1
    y = torch.randint(0, sizes[-1], (a.batch,), generator=gen)

    if a.variant == "prune":
        # torch.nn.utils.prune.custom_from_mask on nn.Linear layers: weight = weight_orig * weight_mask in a forward pre-hook
        layers = []
        for w, b, m in zip(ws, bs, ms):
            lin = torch.nn.Linear(w.shape[1], w.shape[0])
            with torch.no_grad():
                lin.weight.copy_(w)
                lin.bias.copy_(b)
            prune.custom_from_mask(lin, name="weight", mask=m)
            layers.append(lin)
        params = [p for lin in layers for p in lin.parameters()]
        opt = torch.optim.Adam(params, lr=1e-3)

        def step():
            opt.zero_grad(set_to_none=True)
            h = x
            for k, lin in enumerate(layers):
                h = lin(h)
                if k < len(layers) - 1:
                    h = F.relu(h)
            F.cross_entropy(h, y).backward()
            opt.step()
    else:
        opt = torch.optim.Adam(ws + bs, lr=1e-3)

        def step():
            opt.zero_grad(set_to_none=True)
            h = x
            for k, (w, b, m) in enumerate(zip(ws, bs, ms)):
                h = F.linear(h, w * m, b)
                if k < len(ws) - 1:
                    h = F.relu(h)
            F.cross_entropy(h, y).backward()
            opt.step()

    for _ in range(max(100, a.steps // 5)):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    sec = time.perf_counter() - t0
    row = {"bench": "mlp", "variant": a.variant, "layers": a.layers, "density": a.density, "batch": a.batch, "steps": a.steps,
           "steps_per_second": round(a.steps / sec, 3)}
    row.update(info())
    print(json.dumps(row), flush=True)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="bench", required=True)
    lp = sub.add_parser("layer")
    lp.add_argument("--batch", type=int, default=256)
    lp.add_argument("--in", dest="in_f", type=int, default=4096)
    lp.add_argument("--out", dest="out_f", type=int, default=4096)
    lp.add_argument("--density", type=float, default=1.0)
    lp.add_argument("--variants", default="dense,masked,coo,csr")
    lp.add_argument("--steps", type=int, default=20)
    lp.add_argument("--seed", type=int, default=1)
    mp = sub.add_parser("mlp")
    mp.add_argument("--layers", default="64,32,10")
    mp.add_argument("--density", default="1.0", help="share of connections, one for all layers or one per layer pair (0.14,1)")
    mp.add_argument("--batch", type=int, default=32)
    mp.add_argument("--steps", type=int, default=5000)
    mp.add_argument("--seed", type=int, default=1)
    mp.add_argument("--variant", default="masked", choices=["masked", "prune"],
                    help="masked: F.linear(x, W*M); prune: nn.Linear with torch.nn.utils.prune.custom_from_mask")
    for sp in (lp, mp):
        sp.add_argument("--threads", type=int, default=0,
                        help="intra-op threads (default 0: PyTorch's own choice, which is 1 on the 2-core test machine)")
    a = p.parse_args(argv)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    bench_layer(a) if a.bench == "layer" else bench_mlp(a)


if __name__ == "__main__":
    main(sys.argv[1:])
