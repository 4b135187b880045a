"""PyTorch's numbers for the population-profit lesson: a line through 97 points.

nn.Linear(1, 1) initialised by torch.manual_seed(1), nn.MSELoss, then
  - full-batch SGD, lr 0.01, 1000 epochs (DataLoader(batch_size=97));
  - Adam, lr 0.01, batches of 16 without shuffling (the last batch has 1 row), 200 epochs.
(The least-squares line is profit = 1.1930 * population - 3.8958; neither run gets there exactly.)
"""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import linear_state, read_csv, tolist, train_epoch, write_fixture

x, y = read_csv('population-profit.csv', ['population_10k'], ['profit_100k'])


def run(make_optimizer, batch_size, epochs):
    torch.manual_seed(1)
    model = nn.Linear(1, 1)
    init = linear_state(model)
    opt = make_optimizer(model.parameters())
    loss_fn = nn.MSELoss()
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=False)
    epoch_losses = []
    for _ in range(epochs):
        epoch_losses.append(train_epoch(model, loader, loss_fn, opt))
    return {'init': init, 'batchSize': batch_size, 'epochs': epochs, 'final': linear_state(model),
            'epochLosses': epoch_losses[:10] + epoch_losses[-1:], 'lastEpochLoss': epoch_losses[-1]}


write_fixture('src/engine/cpu/fixtures/population-profit.json', {
    '_script': __file__,
    'x': tolist(x), 'y': tolist(y),
    'sgd': {'lr': 0.01, **run(lambda p: torch.optim.SGD(p, lr=0.01), 97, 1000)},
    'adam': {'lr': 0.01, **run(lambda p: torch.optim.Adam(p, lr=0.01), 16, 200)},
})
