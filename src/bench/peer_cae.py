#!/usr/bin/python3
"""A plain PyTorch Concrete Autoencoder: the peer that `src/bench/peer.sh` times against the workbench.

It is what a practitioner would write instead of using the workbench: the same model, defaults and
schedule as `cae train` (docs/engine.md), on the same data, written with torch's own modules, autograd
and optimiser, nothing hand-tuned. Run it with Debian's python3 and python3-torch (1.13):

    /usr/bin/python3 src/bench/peer_cae.py --threads 1

and it prints one JSON line: seconds of training (model creation to the last epoch, without reading
the data and without the evaluation), epochs and tries, the mean-max probability, the linear MSE on
the test split (the metric of `cae eval`: least squares with intercept from the selected training
columns to every column, its mean squared error over the test matrix) and the number of distinct
selected features.

What is the same as the engine (checked against core/: ConcreteAutoencoder, Trainer, TrainingConfig,
TemperatureSchedule, DataPreparation):
- data: the bundled MNIST IDX files, 6000 training and 4000 test images, scaled by the training
  matrix's global minimum and maximum (the `auto` scaling of images: x / 255 here);
- selector: k = 50 rows of logits; `--selector ip` (the default of `cae train` for reconstruction):
  IP-CAE's L = Psi W^T + b with m = min(d, 128), Psi standard normal, W and b uniform in +-1/sqrt(m);
  `--selector plain`: the paper's logits, Glorot normal (sd sqrt(2 / (k + d)));
- each step one k x d Gumbel draw shared by the minibatch's rows, U clamped to at least 1e-7,
  S = softmax((L + G) / T) row-wise, Z = X S^T;
- decoder: k -> round(3k/2) = 75 LeakyReLU(0.2), inverted dropout 0.1, -> d linear; Glorot-uniform
  weights, zero biases; loss: the mean squared error over the minibatch's b x d entries;
- Adam, learning rate 1e-2, betas 0.9 / 0.999, epsilon 1e-8 (torch applies epsilon to the
  bias-corrected second moment, the engine to the raw one: a difference below anything measured here);
- batch min(256, max(16, n / 16)) = 256 with the last, partial batch kept (24 steps an epoch),
  the rows shuffled every epoch;
- temperature T(i) = 10 * (0.01 / 10)^(i / (N - 1)) over the N steps of a try (exponential, per step);
- convergence rule: at each epoch end the mean over selectors of max_j softmax(L)_j; a try stops early
  above 0.998, is accepted above 0.99, else training starts again with twice the epochs, at most 5
  tries (300 epochs in the first); `--convergence off` trains the first try's epochs and stops;
- the validation loss on the first 512 test rows at each epoch end (noise-free softmax(L / T), no
  dropout), as the engine computes it for history.csv;
- selection: each selector's argmax of L.

Threads: `--threads N` sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS before torch is loaded and calls
torch.set_num_threads(N): Debian's torch runs its matrix multiplies in the system OpenBLAS (pthreads),
whose pool otherwise starts one thread per core whatever torch.set_num_threads says.
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description="Plain PyTorch Concrete Autoencoder (the workbench's peer in the benchmark).")
    p.add_argument("--data", default="samples/mnist/train6000-images-idx3-ubyte.gz", help="training images (IDX, optionally .gz)")
    p.add_argument("--test", default="samples/mnist/test4000-images-idx3-ubyte.gz", help="test images (IDX, optionally .gz)")
    p.add_argument("--k", type=int, default=50)
    p.add_argument("--epochs", type=int, default=300, help="epochs of the first try")
    p.add_argument("--batch", type=int, default=0, help="0: min(256, max(16, n / 16)), as the engine's auto batch")
    p.add_argument("--lr", type=float, default=1e-2)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--start-temp", type=float, default=10.0)
    p.add_argument("--end-temp", type=float, default=0.01)
    p.add_argument("--selector", choices=["ip", "plain"], default="ip")
    p.add_argument("--ip-dim", type=int, default=0, help="0: min(d, 128)")
    p.add_argument("--convergence", choices=["on", "off"], default="on")
    p.add_argument("--validation-rows", type=int, default=512)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args(argv)


def read_idx_images(path):
    """The images of an IDX file (magic 0x00000803: unsigned bytes, n x rows x cols) as an n x (rows * cols) float32 array."""
    import numpy as np
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 0x803:
        raise SystemExit(f"{path}: not an IDX image file (magic {magic:#x}, expected 0x803)")
    values = np.frombuffer(raw, dtype=np.uint8, count=n * rows * cols, offset=16)
    return values.reshape(n, rows * cols).astype(np.float32)


def linear_mse(train, test, selected):
    """Least squares with intercept from the selected training columns to all columns (minimum norm), MSE over the test matrix."""
    import numpy as np
    xtr = train[:, selected].astype(np.float64)
    ytr = train.astype(np.float64)
    xm, ym = xtr.mean(axis=0), ytr.mean(axis=0)
    coef, *_ = np.linalg.lstsq(xtr - xm, ytr - ym, rcond=None)
    pred = (test[:, selected].astype(np.float64) - xm) @ coef + ym
    return float(np.mean((pred - test.astype(np.float64)) ** 2))


def main(argv):
    args = parse_args(argv)
    # before torch is loaded: the BLAS and OpenMP pools size themselves when the libraries start
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np
    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    train = read_idx_images(args.data)
    test = read_idx_images(args.test)
    lo, hi = float(train.min()), float(train.max())
    scale = 1.0 / (hi - lo) if hi > lo else 1.0
    train = (train - lo) * scale
    test = (test - lo) * scale
    n, d = train.shape
    k = args.k
    batch = args.batch or max(16, min(256, n // 16))
    batch = min(batch, n)
    steps_per_epoch = (n + batch - 1) // batch
    m = args.ip_dim or min(d, 128)

    x_all = torch.from_numpy(train)
    x_val = torch.from_numpy(test[: args.validation_rows]) if args.validation_rows > 0 else None

    class Selector(nn.Module):
        """The Concrete selector: logits L (plain, or IP-CAE's Psi W^T + b) and a Gumbel-softmax sample per step."""

        def __init__(self):
            super().__init__()
            if args.selector == "plain":
                self.logits = nn.Parameter(torch.randn(k, d) * (2.0 / (k + d)) ** 0.5)
            else:
                bound = 1.0 / m ** 0.5
                self.psi = nn.Parameter(torch.randn(k, m))
                self.w = nn.Parameter(torch.empty(d, m).uniform_(-bound, bound))
                self.b = nn.Parameter(torch.empty(d).uniform_(-bound, bound))

        def L(self):
            return self.logits if args.selector == "plain" else torch.addmm(self.b, self.psi, self.w.t())

        def forward(self, x, temperature):
            u = torch.rand(k, d).clamp_(min=1e-7)
            gumbel = -torch.log(-torch.log(u))
            s = torch.softmax((self.L() + gumbel) / temperature, dim=1)
            return x @ s.t()

    def decoder():
        hidden = max(1, round(1.5 * k))
        layers = [nn.Linear(k, hidden), nn.LeakyReLU(0.2), nn.Dropout(args.dropout), nn.Linear(hidden, d)]
        for layer in layers:
            if isinstance(layer, nn.Linear):
                nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)
        return nn.Sequential(*layers)

    def mean_max(selector):
        with torch.no_grad():
            return float(torch.softmax(selector.L(), dim=1).max(dim=1).values.mean())

    started = time.perf_counter()
    tries = 5 if args.convergence == "on" else 1
    history = []
    for attempt in range(1, tries + 1):
        epochs = args.epochs << (attempt - 1)
        total = epochs * steps_per_epoch
        selector, dec = Selector(), decoder()
        opt = torch.optim.Adam(list(selector.parameters()) + list(dec.parameters()), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
        step = 0
        mm = 0.0
        for epoch in range(epochs):
            selector.train()
            dec.train()
            order = torch.randperm(n)
            for start in range(0, n, batch):
                t = args.start_temp * (args.end_temp / args.start_temp) ** (step / max(1, total - 1))
                x = x_all[order[start:start + batch]]
                loss = torch.mean((dec(selector(x, t)) - x) ** 2)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                step += 1
            mm = mean_max(selector)
            if x_val is not None:
                dec.eval()
                with torch.no_grad():
                    s = torch.softmax(selector.L() / t, dim=1)
                    val = float(torch.mean((dec(x_val @ s.t()) - x_val) ** 2))
            history.append((attempt, epoch + 1, mm, val if x_val is not None else None))
            if args.convergence == "on" and mm > 0.998:
                break
        if args.convergence == "off" or mm > 0.99:
            break
    seconds = time.perf_counter() - started

    with torch.no_grad():
        selected = selector.L().argmax(dim=1).numpy()
    distinct = len(set(selected.tolist()))
    result = {
        "impl": "pytorch",
        "torch": torch.__version__,
        "threads": args.threads,
        "selector": args.selector,
        "train_seconds": round(seconds, 3),
        "tries": attempt,
        "epochs": history[-1][1],
        "mean_max": round(mm, 5),
        "linear_mse": round(linear_mse(train, test, selected), 6),
        "distinct": distinct,
        "k": k,
        "selected": selected.tolist(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
