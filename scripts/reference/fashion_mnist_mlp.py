"""PyTorch's accuracy for the Fashion-MNIST lesson, to compare with scripts/reference/fashion-mnist-mlp.ts.

MLP 784-256-128-10 (ReLU; the Softmax folded into nn.CrossEntropyLoss), Adam lr 1e-3, batch 128,
8 epochs, pixels scaled to [0, 1] (and with `--standardize`, each pixel standardised with the
training set's mean and population std, as the project's "normalize": "standardize"), shuffled
batches. `--seed S` (default 1) seeds both as Layerboard does: torch.manual_seed(S) before the
model's default init, and the DataLoader's own generator, so that the initial weights and every
batch are the ones Layerboard trains with for the same seed. Prints each epoch's training loss and
test accuracy: a yardstick (float32 rounding differs, so the runs drift apart slowly), not a fixture.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import DATASETS, train_epoch


def idx(name, offset):
    with gzip.open(os.path.join(DATASETS, 'fashion-mnist', name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def images(split):
    x = idx(f'{split}-images-idx3-ubyte.gz', 16).reshape(-1, 28, 28).astype(np.float32) / 255
    return torch.from_numpy(x), torch.from_numpy(idx(f'{split}-labels-idx1-ubyte.gz', 8).astype(np.int64))


parser = argparse.ArgumentParser()
parser.add_argument('--standardize', action='store_true')
parser.add_argument('--seed', type=int, default=1)
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)
x, y = images('train')
tx, ty = images('t10k')
if args.standardize:
    mean, std = x.mean(0), x.std(0, unbiased=False)
    std[std == 0] = 1
    x, tx = (x - mean) / std, (tx - mean) / std
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
loader = DataLoader(TensorDataset(x, y), batch_size=128, shuffle=True,
                    generator=torch.Generator().manual_seed(args.seed))
for epoch in range(8):
    start = time.time()
    loss = train_epoch(model, loader, loss_fn, opt)
    with torch.no_grad():
        acc = (model(tx).argmax(1) == ty).float().mean().item()
    print(f'epoch {epoch + 1}/8 loss {loss:.4f} test_accuracy {acc:.4f} ({time.time() - start:.1f} s)')
