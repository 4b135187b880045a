"""PyTorch's default initialisation of a convolutional model after torch.manual_seed.

nn.Sequential(Conv2d(1, 8, 5, padding=2), BatchNorm2d(8), MaxPool2d(2), Conv2d(8, 16, 3),
BatchNorm2d(16), AvgPool2d(2), Flatten, Linear(576, 64), BatchNorm1d(64), Linear(64, 10)) on
[1, 28, 28] images, from seeds 0 and 7. Module by module, each Conv2d and Linear draws its weight
(kaiming_uniform_, a=sqrt(5)) and then its bias from the one generator; batch norm draws nothing
and starts at weight 1, bias 0, running mean 0, running variance 1.
Every value of the small layers; for Linear(576, 64), a sample (every 997th weight, every 7th
bias) and float64 sums of every tensor, as linear_init.py does.
"""
import torch
from torch import nn

from common import tolist, write_fixture

LARGE = 10_000  # values above which a tensor is sampled and summed instead of written whole


def build():
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.BatchNorm2d(8), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.BatchNorm2d(16), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(576, 64), nn.BatchNorm1d(64), nn.Linear(64, 10))


def flat(t):
    return tolist(t.detach().reshape(-1))


def tensors(module):
    """One layer's tensors, flat in PyTorch's layout, or a sample and sums if the weight is large."""
    out = {'kind': type(module).__name__, 'weightShape': list(module.weight.shape)}
    w, b = module.weight.detach().reshape(-1), module.bias.detach()
    if w.numel() <= LARGE:
        out.update({'weight': flat(w), 'bias': flat(b)})
    else:
        wi = list(range(0, w.numel(), 997))
        bi = list(range(0, b.numel(), 7))
        out.update({'weightIndices': wi, 'weightValues': tolist(w[wi]), 'biasIndices': bi,
                    'biasValues': tolist(b[bi]), 'weightSum': w.double().sum().item(),
                    'weightAbsSum': w.double().abs().sum().item(), 'biasSum': b.double().sum().item()})
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        out.update({'runningMean': flat(module.running_mean), 'runningVar': flat(module.running_var)})
    return out


def run(seed):
    torch.manual_seed(seed)
    model = build()
    layers = [tensors(m) for m in model if isinstance(m, (nn.Conv2d, nn.Linear, nn.BatchNorm2d, nn.BatchNorm1d))]
    return {'seed': seed, 'layers': layers}


write_fixture('src/engine/model/fixtures/cnn-init.json', {
    '_script': __file__,
    'inputShape': [1, 28, 28],
    'runs': [run(0), run(7)],
})
