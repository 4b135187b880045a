"""PyTorch's numbers for two small multilayer models, a few optimizer steps each.

classifier: Linear(4,5) ReLU Linear(5,3) Softmax, trained with nn.CrossEntropyLoss on the logits
  (the Softmax is left out of the training forward, as Layerboard folds it), 10 samples, batches of 4.
regressor: Flatten Linear(6,5) Tanh Linear(5,4) LeakyReLU(0.1) Linear(4,2) Sigmoid on 2x3 inputs,
  nn.MSELoss, 7 samples, batches of 3.
Each is trained with SGD (momentum, weight decay) and with Adam (weight decay, non-default betas), from
torch.manual_seed init, without shuffling; we record every step's loss and the final parameters.
The classifier is also trained with Adam on shuffled batches (`shuffled`): a DataLoader whose
generator is seeded apart, as the exported PyTorch script builds it, so that every batch is the one
Layerboard's BatchOrder draws for the same seed.
"""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import linear_state, tolist, write_fixture


def linears(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def train(build, seed, x, y, loss_fn, train_forward, make_optimizer, batch_size, epochs, shuffle_seed=None):
    torch.manual_seed(seed)
    model = build()
    init = [linear_state(m) for m in linears(model)]
    opt = make_optimizer(model.parameters())
    if shuffle_seed is None:
        loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=False)
    else:
        loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True,
                            generator=torch.Generator().manual_seed(shuffle_seed))
    losses = []
    for _ in range(epochs):
        for xb, yb in loader:
            loss = loss_fn(train_forward(model, xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
    with torch.no_grad():
        outputs = tolist(model(x))
    return {'seed': seed, 'init': init, 'batchSize': batch_size, 'epochs': epochs, 'stepLosses': losses,
            'final': [linear_state(m) for m in linears(model)], 'outputs': outputs}


gen = torch.Generator().manual_seed(123)
cx = torch.randn(10, 4, generator=gen)
cy = torch.randint(0, 3, (10,), generator=gen)
rx = torch.randn(7, 2, 3, generator=gen)
ry = torch.rand(7, 2, generator=gen)


def classifier():
    return nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3), nn.Softmax(dim=1))


def regressor():
    return nn.Sequential(nn.Flatten(), nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 4), nn.LeakyReLU(0.1),
                         nn.Linear(4, 2), nn.Sigmoid())


logits = lambda model, xb: model[:-1](xb)  # noqa: E731  (CrossEntropyLoss takes logits)
whole = lambda model, xb: model(xb)  # noqa: E731
ce, mse = nn.CrossEntropyLoss(), nn.MSELoss()

write_fixture('src/engine/cpu/fixtures/small-mlps.json', {
    '_script': __file__,
    'classifier': {
        'x': tolist(cx), 'labels': cy.tolist(), 'inputShape': [4],
        'sgd': {'optimizer': {'type': 'sgd', 'lr': 0.1, 'momentum': 0.9, 'weightDecay': 0.01},
                **train(classifier, 3, cx, cy, ce, logits,
                        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01), 4, 3)},
        'adam': {'optimizer': {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8,
                               'weightDecay': 0.001},
                 **train(classifier, 3, cx, cy, ce, logits,
                         lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.001), 4, 3)},
        'shuffled': {'optimizer': {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8,
                                   'weightDecay': 0},
                     'shuffleSeed': 9,
                     **train(classifier, 3, cx, cy, ce, logits,
                             lambda p: torch.optim.Adam(p, lr=0.01), 4, 4, shuffle_seed=9)},
    },
    'regressor': {
        'x': tolist(rx.reshape(7, 6)), 'y': tolist(ry), 'inputShape': [2, 3],
        'sgd': {'optimizer': {'type': 'sgd', 'lr': 0.5, 'momentum': 0.5, 'weightDecay': 0.001},
                **train(regressor, 5, rx, ry, mse, whole,
                        lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.5, weight_decay=0.001), 3, 4)},
        'adam': {'optimizer': {'type': 'adam', 'lr': 0.05, 'beta1': 0.8, 'beta2': 0.99, 'eps': 1e-6,
                               'weightDecay': 0.01},
                 **train(regressor, 5, rx, ry, mse, whole,
                         lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6,
                                                    weight_decay=0.01), 3, 4)},
    },
})
