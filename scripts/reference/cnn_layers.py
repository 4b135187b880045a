"""PyTorch's numbers for the convolutional layers, one layer at a time.

conv: nn.Conv2d from torch.manual_seed init, valid and padded, stride 1 and 2, non-square inputs.
pool: nn.MaxPool2d and nn.AvgPool2d, disjoint and overlapping windows, a floor-mode edge, a max
  pool full of ties and one with NaNs (stored as null, since JSON has no NaN).
batchNorm: nn.BatchNorm2d and nn.BatchNorm1d with random affine parameters and running statistics:
  a train-mode forward and backward, a second train-mode forward (the running statistics after
  two updates), then an eval-mode forward and backward.
Every backward is driven by a fixed upstream gradient dy (loss = sum(y * dy)); every tensor is
stored flat, NCHW row-major, beside the sizes that shape it.
"""
import math

import torch
from torch import nn

from common import tolist, write_fixture


def flat(t):
    """A tensor as one flat list of floats, NaN as None (null in JSON)."""
    return [None if math.isnan(v) else v for v in tolist(t.reshape(-1))]


def conv_case(name, seed, batch, in_channels, out_channels, kernel_size, stride, padding, height, width):
    torch.manual_seed(seed)
    conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding)
    x = torch.randn(batch, in_channels, height, width, requires_grad=True)
    y = conv(x)
    dy = torch.randn_like(y)
    y.backward(dy)
    return {'name': name, 'batch': batch, 'inChannels': in_channels, 'outChannels': out_channels,
            'kernelSize': kernel_size, 'stride': stride, 'padding': padding, 'inHeight': height,
            'inWidth': width, 'outShape': list(y.shape[1:]),
            'x': flat(x), 'weight': flat(conv.weight), 'bias': flat(conv.bias), 'dy': flat(dy),
            'y': flat(y), 'dx': flat(x.grad), 'dweight': flat(conv.weight.grad), 'dbias': flat(conv.bias.grad)}


def pool_case(name, kind, seed, batch, channels, height, width, kernel_size, stride, x=None):
    torch.manual_seed(seed)
    pool = nn.MaxPool2d(kernel_size, stride) if kind == 'max' else nn.AvgPool2d(kernel_size, stride)
    if x is None:
        x = torch.randn(batch, channels, height, width)
    x = x.clone().requires_grad_(True)
    y = pool(x)
    dy = torch.randn_like(y)
    y.backward(dy)
    return {'name': name, 'kind': kind, 'batch': batch, 'channels': channels, 'inHeight': height,
            'inWidth': width, 'kernelSize': kernel_size, 'stride': stride, 'outShape': list(y.shape[1:]),
            'x': flat(x), 'dy': flat(dy), 'y': flat(y), 'dx': flat(x.grad)}


def batch_norm_case(name, kind, seed, batch, num_features, spatial_shape, momentum, eps):
    torch.manual_seed(seed)
    bn = (nn.BatchNorm2d if kind == '2d' else nn.BatchNorm1d)(num_features, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
        bn.running_mean.normal_(0, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
    start = {'weight': flat(bn.weight), 'bias': flat(bn.bias), 'runningMean': flat(bn.running_mean),
             'runningVar': flat(bn.running_var)}
    shape = (batch, num_features, *spatial_shape)

    def run(train, backward):
        bn.train(train)
        bn.zero_grad()
        # Off-centre and wider than N(0, 1), so that the statistics matter.
        x = (torch.randn(shape) * 2 + 1).requires_grad_(True)
        y = bn(x)
        out = {'x': flat(x), 'y': flat(y)}
        if backward:
            dy = torch.randn_like(y)
            y.backward(dy)
            out.update({'dy': flat(dy), 'dx': flat(x.grad), 'dweight': flat(bn.weight.grad),
                        'dbias': flat(bn.bias.grad)})
        if train:
            out.update({'runningMean': flat(bn.running_mean), 'runningVar': flat(bn.running_var)})
        return out

    return {'name': name, 'kind': kind, 'batch': batch, 'numFeatures': num_features,
            'spatial': math.prod(spatial_shape), 'momentum': momentum, 'eps': eps, **start,
            'train': run(True, True), 'second': run(True, False), 'eval': run(False, True)}


# Max pools over small integers tie often; the NaN plane has one NaN alone in its windows, and two
# sharing one window (PyTorch's `val > max || isnan(val)` then picks the later one).
ties = torch.randint(0, 3, (2, 2, 4, 5), generator=torch.Generator().manual_seed(7)).float()
nans = torch.randn(1, 1, 4, 4, generator=torch.Generator().manual_seed(8))
nans[0, 0, 0, 1] = nans[0, 0, 1, 0] = nans[0, 0, 3, 3] = float('nan')

write_fixture('src/engine/cpu/fixtures/cnn-layers.json', {
    '_script': __file__,
    'conv': [
        conv_case('valid 3x3 on 5x6', 1, 2, 2, 3, 3, 1, 0, 5, 6),
        conv_case('3x3, stride 2, padding 1 on 7x6 (floor)', 2, 2, 2, 4, 3, 2, 1, 7, 6),
        conv_case('5x5 "same" (padding 2) on 6x5', 3, 3, 1, 2, 5, 1, 2, 6, 5),
        conv_case('2x2, stride 2, padding 1 on 5x5', 4, 2, 3, 2, 2, 2, 1, 5, 5),
    ],
    'pool': [
        pool_case('max 2x2 stride 2 on 4x5 (floor)', 'max', 11, 2, 3, 4, 5, 2, 2),
        pool_case('max 3x3 stride 1 (overlapping)', 'max', 12, 2, 2, 5, 4, 3, 1),
        pool_case('max 3x3 stride 2 on 7x6 (overlapping)', 'max', 13, 1, 2, 7, 6, 3, 2),
        pool_case('max 2x2 stride 1 over ties', 'max', 14, 2, 2, 4, 5, 2, 1, ties),
        pool_case('max 2x2 stride 1 with NaNs', 'max', 15, 1, 1, 4, 4, 2, 1, nans),
        pool_case('avg 2x2 stride 2 on 4x5 (floor)', 'avg', 16, 2, 3, 4, 5, 2, 2),
        pool_case('avg 3x3 stride 1 (overlapping)', 'avg', 17, 2, 2, 5, 4, 3, 1),
        pool_case('avg 3x3 stride 2 on 7x6 (overlapping)', 'avg', 18, 1, 2, 7, 6, 3, 2),
    ],
    'batchNorm': [
        batch_norm_case('BatchNorm2d(3, momentum=0.2) on 3x3x5', '2d', 21, 4, 3, (3, 5), 0.2, 1e-5),
        batch_norm_case('BatchNorm1d(4, eps=1e-3)', '1d', 22, 5, 4, (), 0.1, 1e-3),
        batch_norm_case('BatchNorm1d(2) on [batch, 2, 3]', '1d', 23, 3, 2, (3,), 0.1, 1e-5),
    ],
})
