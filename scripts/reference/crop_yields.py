"""PyTorch's numbers for the crop-yields lesson (linear regression on the 5-row table).

The tutorial starts from printed weights w, b, computes the MSE loss (5070.77) and its gradients,
takes one SGD step at lr 1e-5 and then 100 more: 101 steps. We do the same with nn.Linear,
nn.MSELoss and torch.optim.SGD, and also 100 epochs through a DataLoader(batch_size=5).
"""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common import linear_state, read_csv, tolist, write_fixture

x, y = read_csv('crop-yields.csv', ['temp_f', 'rainfall_mm', 'humidity_pct'], ['apples_ton', 'oranges_ton'])
W0 = [[0.5896, -0.5372, 0.7526], [0.6566, 0.9928, 0.6209]]
B0 = [1.3376, 1.0164]


def fresh_model():
    model = nn.Linear(3, 2)
    with torch.no_grad():
        model.weight.copy_(torch.tensor(W0))
        model.bias.copy_(torch.tensor(B0))
    return model


loss_fn = nn.MSELoss()
model = fresh_model()
opt = torch.optim.SGD(model.parameters(), lr=1e-5)
preds = model(x)
loss = loss_fn(preds, y)
loss.backward()
initial = {'loss': loss.item(), 'predictions': tolist(preds), 'gradWeight': tolist(model.weight.grad),
           'gradBias': tolist(model.bias.grad)}
opt.step()
opt.zero_grad()
for _ in range(100):
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    opt.zero_grad()
after101 = {**linear_state(model), 'loss': loss_fn(model(x), y).item()}

model = fresh_model()
opt = torch.optim.SGD(model.parameters(), lr=1e-5)
loader = DataLoader(TensorDataset(x, y), batch_size=5, shuffle=False)
epoch_losses = []
for epoch in range(100):
    total = 0.0
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
        total += loss.item() * len(xb)
    epoch_losses.append(total / len(x))
after100 = {**linear_state(model), 'epochLosses': epoch_losses}

write_fixture('src/engine/cpu/fixtures/crop-yields.json', {
    '_script': __file__,
    'x': tolist(x), 'y': tolist(y), 'weight': W0, 'bias': B0, 'lr': 1e-5,
    'initial': initial, 'after101Steps': after101, 'after100EpochsBatch5': after100,
})
