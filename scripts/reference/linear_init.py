"""PyTorch's default initialisation of nn.Linear after torch.manual_seed, for two models.

nn.Sequential(Linear(3, 2)) from seed 1: every value.
nn.Sequential(Flatten, Linear(784, 128), ReLU, Linear(128, 10)) from seed 42: a sample of values
(every 997th weight, every 7th bias) and float64 sums of every tensor, so the test covers all of them.
"""
import torch
from torch import nn

from common import linear_state, tolist, write_fixture

torch.manual_seed(1)
small = nn.Linear(3, 2)

torch.manual_seed(42)
mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def sample(layer):
    w = layer.weight.detach().reshape(-1)
    b = layer.bias.detach()
    wi = list(range(0, w.numel(), 997))
    bi = list(range(0, b.numel(), 7))
    return {'weightIndices': wi, 'weightValues': tolist(w[wi]), 'biasIndices': bi, 'biasValues': tolist(b[bi]),
            'weightSum': w.double().sum().item(), 'biasSum': b.double().sum().item(),
            'weightAbsSum': w.double().abs().sum().item()}


write_fixture('src/engine/model/fixtures/linear-init.json', {
    '_script': __file__,
    'small': {'seed': 1, 'sizes': [3, 2], 'layers': [linear_state(small)]},
    'mlp': {'seed': 42, 'sizes': [784, 128, 10], 'layers': [sample(mlp[1]), sample(mlp[3])]},
})
