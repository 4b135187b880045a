"""PyTorch's numbers for a small CNN with every convolutional kind, trained on shuffled batches.

nn.Sequential(Conv2d(1, 4, 3, padding=1), BatchNorm2d(4), ReLU, MaxPool2d(2), Conv2d(4, 6, 3),
BatchNorm2d(6), ReLU, AvgPool2d(2), Flatten, Linear(24, 8), BatchNorm1d(8), ReLU, Linear(8, 3))
on [1, 12, 12] images: 12x12 -> conv (padding 1) 12x12 -> max pool 6x6 -> conv (no padding) 4x4
-> average pool 2x2 -> 24 features. nn.CrossEntropyLoss, 45 samples of 3 classes (a horizontal
bar, a vertical bar, a diagonal, at random places, with noise), drawn from a generator seeded
apart and written into the fixture. Batches of 8 (the last of each epoch has 5), shuffled by a DataLoader whose
generator is seeded apart (`shuffleSeed`), as the exported PyTorch script builds it and as
Layerboard's BatchOrder draws it for the same seed. Trained from torch.manual_seed(seed) init
with SGD (lr 0.05, momentum 0.9) for 5 epochs (`sgd`), and with Adam (lr 0.01) for 4 epochs on the
same layers with each batch norm moved after its ReLU (`adam`: Conv2d, ReLU, BatchNorm2d, pool...).

Why Adam gets the other order: a bias just before a batch norm has gradient exactly 0 (the batch
norm subtracts the batch mean, so adding a constant to a channel changes nothing), and what is
left is float32 rounding noise of about 1e-9. SGD moves the bias by lr times that noise, nothing;
Adam divides by sqrt(v) + eps and so moves it by about lr per step in the noise's direction: a
random walk that PyTorch itself does not repeat in float64 (those biases and the running means
that follow them end 0.05 to 0.09 apart, all else within 1e-6). After the ReLU the bias matters,
and every tensor is well defined.
We record the initial and final parameters with batch norm's running statistics, every step's
loss, each epoch's mean loss per sample, and the eval-mode outputs on every sample at the end.
"""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import tolist, write_fixture

SIZE, COUNT, CLASSES = 12, 45, 3


def images():
    gen = torch.Generator().manual_seed(2024)
    x = torch.randn(COUNT, 1, SIZE, SIZE, generator=gen) * 0.3
    labels = torch.randint(0, CLASSES, (COUNT,), generator=gen)
    offsets = torch.randint(1, SIZE - 1, (COUNT,), generator=gen)
    for i in range(COUNT):
        o = int(offsets[i])
        if labels[i] == 0:
            x[i, 0, o, :] += 1.0
        elif labels[i] == 1:
            x[i, 0, :, o] += 1.0
        else:
            d = torch.arange(SIZE)
            x[i, 0, d, (d + o) % SIZE] += 1.0
    return x, labels


def build(norm_first):
    """The CNN, each batch norm before its ReLU (`norm_first`) or after it."""
    def block(norm):
        return [norm, nn.ReLU()] if norm_first else [nn.ReLU(), norm]
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), *block(nn.BatchNorm2d(4)), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3), *block(nn.BatchNorm2d(6)), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(24, 8), *block(nn.BatchNorm1d(8)), nn.Linear(8, 3))


def state(model):
    """Per layer with tensors, in order: weight and bias flat (PyTorch's layout), batch norm's statistics."""
    out = []
    for m in model:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            out.append({'weight': tolist(m.weight.reshape(-1)), 'bias': tolist(m.bias)})
        elif isinstance(m, nn.modules.batchnorm._BatchNorm):
            out.append({'weight': tolist(m.weight), 'bias': tolist(m.bias),
                        'runningMean': tolist(m.running_mean), 'runningVar': tolist(m.running_var)})
    return out


def train(x, y, norm_first, seed, shuffle_seed, make_optimizer, batch_size, epochs):
    torch.manual_seed(seed)
    model = build(norm_first)
    init = state(model)
    opt = make_optimizer(model.parameters())
    loss_fn = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(shuffle_seed))
    step_losses, epoch_losses = [], []
    model.train()
    for _ in range(epochs):
        total = 0.0
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step_losses.append(loss.item())
            total += loss.item() * len(xb)
        epoch_losses.append(total / len(x))
    model.eval()
    with torch.no_grad():
        outputs = tolist(model(x).reshape(-1))
    return {'normFirst': norm_first, 'seed': seed, 'shuffleSeed': shuffle_seed, 'batchSize': batch_size, 'epochs': epochs,
            'init': init, 'stepLosses': step_losses, 'epochLosses': epoch_losses,
            'final': state(model), 'outputs': outputs}


x, labels = images()
write_fixture('src/engine/cpu/fixtures/small-cnn.json', {
    '_script': __file__,
    'inputShape': [1, SIZE, SIZE],
    'x': tolist(x.reshape(COUNT, -1)), 'labels': labels.tolist(),
    'sgd': {'optimizer': {'type': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'weightDecay': 0},
            **train(x, labels, True, 11, 5, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), 8, 5)},
    'adam': {'optimizer': {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8,
                           'weightDecay': 0},
             **train(x, labels, False, 11, 5, lambda p: torch.optim.Adam(p, lr=0.01), 8, 4)},
})
