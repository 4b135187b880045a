"""Helpers shared by the reference scripts: CSV loading and JSON output of float32 tensors.

Every script here runs with Debian's PyTorch 1.13 (`/usr/bin/python3`) and writes a JSON fixture
that the TypeScript tests read, so the tests themselves never need torch.
"""
import csv
import json
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
DATASETS = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'datasets'))


def read_csv(name, features, targets):
    """Columns of ../shared/datasets/<name> as float32 tensors (x, y)."""
    with open(os.path.join(DATASETS, name), newline='') as f:
        rows = list(csv.DictReader(f))
    x = torch.tensor([[float(r[c]) for c in features] for r in rows], dtype=torch.float32)
    y = torch.tensor([[float(r[c]) for c in targets] for r in rows], dtype=torch.float32)
    return x, y


def tolist(t):
    """A tensor as nested lists of Python floats: float32 values print exactly."""
    return t.detach().double().tolist()


def linear_state(layer):
    return {'weight': tolist(layer.weight), 'bias': tolist(layer.bias)}


def write_fixture(relpath, payload):
    path = os.path.join(ROOT, relpath)
    payload = {'generatedBy': 'scripts/reference/' + os.path.basename(payload.pop('_script')),
               'torch': torch.__version__, **payload}
    with open(path, 'w') as f:
        json.dump(payload, f, indent=1)
        f.write('\n')
    print('wrote', os.path.relpath(path, ROOT))


def train_epoch(model, loader, loss_fn, opt):
    """One pass over `loader`, an optimizer step per batch; the epoch's mean loss per sample."""
    total, count = 0.0, 0
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count
