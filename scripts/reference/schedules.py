"""PyTorch's numbers for the learning-rate schedules and early stopping.

rates: the rate of each epoch (param_groups[0]['lr'] before the epoch's batches, scheduler.step()
  after them) for StepLR and CosineAnnealingLR of a few lengths: float64 values, compared exactly.
step / cosine: the small classifier (Linear(4,5) ReLU Linear(5,3), cross-entropy on 10 samples,
  batches of 4, no shuffling) trained a few epochs with StepLR (SGD with momentum, and Adam) and
  with CosineAnnealingLR past its trough (SGD): every step's loss and the final parameters.
earlyStopping: the same classifier on labels that a linear rule gives (three of the ten training
  labels flipped), trained with SGD and momentum until it learns the flips, validated after each
  epoch on 12 rows the rule labels: the validation loss falls to epoch 13 (with a bump at epoch 4
  that patience rides out), then rises. The loop the exported script runs: keep the state_dict
  of the epoch with the lowest validation loss, stop after `patience` epochs without a lower one,
  load the best state at the end.
"""
import copy
import math

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import linear_state, tolist, write_fixture


def rates(make_scheduler, lr, epochs):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    scheduler = make_scheduler(opt)
    out = []
    for _ in range(epochs):
        out.append(opt.param_groups[0]['lr'])
        opt.step()
        scheduler.step()
    return out


gen = torch.Generator().manual_seed(123)
cx = torch.randn(10, 4, generator=gen)
cy = torch.randint(0, 3, (10,), generator=gen)
# Early stopping's data, drawn apart: the rule's labels, three training ones flipped.
gen = torch.Generator().manual_seed(123)
ex = torch.randn(10, 4, generator=gen)
vx = torch.randn(12, 4, generator=gen)
rule = torch.randn(4, 3, generator=gen)
ey = (ex @ rule).argmax(1)
ey[[1, 4, 7]] = (ey[[1, 4, 7]] + 1) % 3
vy = (vx @ rule).argmax(1)


def classifier():
    return nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))


def linears(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def train(make_optimizer, make_scheduler, epochs, patience=None, x=cx, y=cy):
    torch.manual_seed(3)
    model = classifier()
    init = [linear_state(m) for m in linears(model)]
    opt = make_optimizer(model.parameters())
    scheduler = make_scheduler(opt)
    loader = DataLoader(TensorDataset(x, y), batch_size=4, shuffle=False)
    loss_fn = nn.CrossEntropyLoss()
    step_losses, epoch_rates, val_losses = [], [], []
    best, best_epoch, best_state, stopped_at = math.inf, 0, None, None
    for epoch in range(1, epochs + 1):
        epoch_rates.append(opt.param_groups[0]['lr'])
        model.train()
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step_losses.append(loss.item())
        scheduler.step()
        if patience is None:
            continue
        model.eval()
        with torch.no_grad():
            val = loss_fn(model(vx), vy).item()
        val_losses.append(val)
        if val < best:
            best, best_epoch, best_state = val, epoch, copy.deepcopy(model.state_dict())
        elif epoch - best_epoch >= patience:
            stopped_at = epoch
            break
    result = {'init': init, 'batchSize': 4, 'epochs': epochs, 'rates': epoch_rates,
              'stepLosses': step_losses}
    if patience is not None:
        assert stopped_at is not None, 'the run must stop early'
        model.load_state_dict(best_state)
        result.update({'patience': patience, 'valLosses': val_losses, 'bestEpoch': best_epoch,
                       'stoppedAt': stopped_at})
    result['final'] = [linear_state(m) for m in linears(model)]
    return result


step_lr = lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)  # noqa: E731
cosine = lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=3, eta_min=0.001)  # noqa: E731
constant = lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0)  # noqa: E731
sgd = {'type': 'sgd', 'lr': 0.1, 'momentum': 0.9, 'weightDecay': 0}
adam = {'type': 'adam', 'lr': 0.05, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8, 'weightDecay': 0}

write_fixture('src/engine/cpu/fixtures/schedules.json', {
    '_script': __file__,
    'rates': [
        {'schedule': {'type': 'step', 'stepSize': 3, 'gamma': 0.1}, 'lr': 0.1,
         'rates': rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.1), 0.1, 20)},
        {'schedule': {'type': 'step', 'stepSize': 1, 'gamma': 0.9}, 'lr': 0.01,
         'rates': rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=1, gamma=0.9), 0.01, 60)},
        *[{'schedule': {'type': 'cosine', 'tMax': t, 'etaMin': eta}, 'lr': lr,
           'rates': rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=t, eta_min=eta), lr, n)}
          for t, eta, lr, n in [(1, 0, 0.1, 5), (3, 0.001, 0.1, 14), (7, 0.05, 0.5, 30), (50, 0, 1e-3, 200)]],
    ],
    'x': tolist(cx), 'labels': cy.tolist(),
    'step': {
        'schedule': {'type': 'step', 'stepSize': 2, 'gamma': 0.5},
        'sgd': {'optimizer': sgd, **train(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), step_lr, 6)},
        'adam': {'optimizer': adam, **train(lambda p: torch.optim.Adam(p, lr=0.05), step_lr, 6)},
    },
    'cosine': {
        'schedule': {'type': 'cosine', 'tMax': 3, 'etaMin': 0.001},
        'sgd': {'optimizer': sgd, **train(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), cosine, 7)},
    },
    'earlyStopping': {
        'x': tolist(ex), 'labels': ey.tolist(), 'valX': tolist(vx), 'valLabels': vy.tolist(),
        'optimizer': {'type': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'weightDecay': 0},
        **train(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), constant, 30, patience=3, x=ex, y=ey),
    },
})
