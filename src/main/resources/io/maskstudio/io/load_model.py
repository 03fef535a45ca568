#!/usr/bin/env python3
"""Rebuild a network exported by MaskStudio in PyTorch and evaluate it on the exported validation set.

    python3 load_model.py [EXPORT_DIR]        # EXPORT_DIR defaults to this file's directory
    # prints: val_accuracy=0.912345 (and test_accuracy=... when test.npz is there)

or, from your own code:

    from load_model import load_model
    model, meta = load_model("path/to/export")

Files next to this script:
  model.json  layers (layer 0 = input; name, size, activation), dataset, normalization
              (apply (x - mean) / std to raw inputs), training settings and metrics
  model.npz   fcK.weight [out, in] float32, fcK.bias [out] float32, fcK.weight_mask [out, in] bool
  model.safetensors  the same tensors: safetensors.torch.load_file("model.safetensors")
  val.npz     x [n, in] float32 (already normalized), y [n] int64
  test.npz    the held-out test set, as val.npz (only when the run had a test set)

Each mask is attached with torch.nn.utils.prune.custom_from_mask, so fcK.weight = fcK.weight_orig * fcK.weight_mask
and absent connections stay exactly zero if you fine-tune the model.
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn
from torch.nn.utils import prune

ACTIVATIONS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "identity": lambda t: t,
    "softmax": lambda t: torch.softmax(t, dim=-1),
}


class MaskedMLP(nn.Module):
    """fc1 .. fcL as nn.Linear layers, each followed by the activation of the layer it feeds."""

    def __init__(self, sizes, activations):
        super().__init__()
        self.activations = list(activations)
        self.depth = len(sizes) - 1
        for k in range(1, len(sizes)):
            setattr(self, f"fc{k}", nn.Linear(sizes[k - 1], sizes[k]))

    def forward(self, x):
        for k in range(1, self.depth + 1):
            x = ACTIVATIONS[self.activations[k - 1]](getattr(self, f"fc{k}")(x))
        return x


def load_model(export_dir):
    """Returns (model in eval mode, the parsed model.json)."""
    with open(os.path.join(export_dir, "model.json"), encoding="utf-8") as f:
        meta = json.load(f)
    layers = meta["layers"]
    sizes = [int(layer["size"]) for layer in layers]
    model = MaskedMLP(sizes, [layer["activation"] for layer in layers[1:]])
    with np.load(os.path.join(export_dir, "model.npz"), allow_pickle=False) as z:
        for k in range(1, len(sizes)):
            fc = getattr(model, f"fc{k}")
            weight = z[f"fc{k}.weight"].astype(np.float32)
            bias = z[f"fc{k}.bias"].astype(np.float32)
            mask = z[f"fc{k}.weight_mask"].astype(bool)
            expected = (sizes[k], sizes[k - 1])
            if weight.shape != expected or mask.shape != expected or bias.shape != (sizes[k],):
                raise ValueError(f"fc{k}: expected weight/mask {expected} and bias ({sizes[k]},), "
                                 f"found {weight.shape}, {mask.shape}, {bias.shape}")
            prune.custom_from_mask(fc, name="weight", mask=torch.from_numpy(mask))
            with torch.no_grad():
                fc.weight_orig.copy_(torch.from_numpy(weight))
                fc.bias.copy_(torch.from_numpy(bias))
    model.eval()
    return model, meta


def evaluate(model, export_dir, file_name="val.npz"):
    """Argmax accuracy on val.npz (or another set saved the same way, such as test.npz)."""
    with np.load(os.path.join(export_dir, file_name), allow_pickle=False) as v:
        x = torch.from_numpy(v["x"].astype(np.float32))
        y = torch.from_numpy(v["y"].astype(np.int64))
    if len(y) == 0:
        return float("nan")
    with torch.no_grad():
        predicted = model(x).argmax(dim=1)
    return (predicted == y).double().mean().item()


def main():
    export_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    model, _ = load_model(export_dir)
    print(f"val_accuracy={evaluate(model, export_dir):.6f}")
    if os.path.exists(os.path.join(export_dir, "test.npz")):
        print(f"test_accuracy={evaluate(model, export_dir, 'test.npz'):.6f}")


if __name__ == "__main__":
    main()
