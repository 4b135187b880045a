import { type Conv2dLayer, conv2dOutputSize } from './conv2d';

/**
 * Float64 references for the convolutional kernels' tests, written from PyTorch's definitions
 * with plain loops and no shared indexing with the kernels: F.conv2d and its two gradients,
 * F.max_pool2d (first maximum wins, as ATen's kernels compare with `>`), F.avg_pool2d, and
 * F.batch_norm in training mode with its backward.
 */

/** Samples `[batch][c][h][w]` of x, the batch's sample `n` being `rows[n]` of `x`. */
function at(x: ArrayLike<number>, chw: number, rows: readonly number[] | undefined) {
  return (n: number, i: number) => x[(rows ? rows[n]! : n) * chw + i]!;
}

/** z = conv2d(x, W) + b, NCHW. `rows` picks the batch's samples from x (the dataset's order). */
export function conv2dRef(
  layer: Conv2dLayer,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number> | null,
  rows?: readonly number[],
): Float64Array {
  const { batch: N, inChannels: C, inHeight: H, inWidth: W, outChannels: O } = layer;
  const { kernelSize: k, stride: s, padding: p } = layer;
  const { outHeight: OH, outWidth: OW } = conv2dOutputSize(layer);
  const xs = at(x, C * H * W, rows);
  const z = new Float64Array(N * O * OH * OW);
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          let sum = b ? b[o]! : 0;
          for (let c = 0; c < C; c++) {
            for (let ky = 0; ky < k; ky++) {
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * s - p + ky;
                const ix = ox * s - p + kx;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                sum += xs(n, (c * H + iy) * W + ix) * w[((o * C + c) * k + ky) * k + kx]!;
              }
            }
          }
          z[((n * O + o) * OH + oy) * OW + ox] = sum;
        }
      }
    }
  }
  return z;
}

/**
 * The gradients of conv2d from dz (NCHW at its output): dx scattered back through every tap
 * (the adjoint of the forward's gather), dW = sum over samples and positions of dz x, db = sum dz.
 */
export function conv2dGradsRef(
  layer: Conv2dLayer,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  dz: ArrayLike<number>,
  rows?: readonly number[],
): { dx: Float64Array; dw: Float64Array; db: Float64Array } {
  const { batch: N, inChannels: C, inHeight: H, inWidth: W, outChannels: O } = layer;
  const { kernelSize: k, stride: s, padding: p } = layer;
  const { outHeight: OH, outWidth: OW } = conv2dOutputSize(layer);
  const xs = at(x, C * H * W, rows);
  const dx = new Float64Array(N * C * H * W);
  const dw = new Float64Array(O * C * k * k);
  const db = new Float64Array(O);
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const g = dz[((n * O + o) * OH + oy) * OW + ox]!;
          db[o]! += g;
          for (let c = 0; c < C; c++) {
            for (let ky = 0; ky < k; ky++) {
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * s - p + ky;
                const ix = ox * s - p + kx;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                const wi = ((o * C + c) * k + ky) * k + kx;
                const xi = (c * H + iy) * W + ix;
                dw[wi]! += g * xs(n, xi);
                dx[n * C * H * W + xi]! += g * w[wi]!;
              }
            }
          }
        }
      }
    }
  }
  return { dx, dw, db };
}

export interface PoolShape {
  readonly batch: number;
  readonly channels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly kernelSize: number;
  readonly stride: number;
}

function poolOut(shape: PoolShape) {
  const size = (n: number) => Math.floor((n - shape.kernelSize) / shape.stride) + 1;
  return { OH: size(shape.inHeight), OW: size(shape.inWidth) };
}

/**
 * Max or average pooling forward and backward: `out`, the argmax of each window as an index into
 * its H x W plane (max_pool2d_with_indices'; ATen's scan: a tie goes to the first maximum, a NaN
 * wins), and dx from dy (each window's gradient to its argmax, or spread evenly over its k x k
 * inputs).
 */
export function pool2dRef(
  shape: PoolShape,
  kind: 'max' | 'avg',
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
): { out: Float64Array; indices: Uint32Array; dx: Float64Array } {
  const { batch: N, channels: C, inHeight: H, inWidth: W, kernelSize: k, stride: s } = shape;
  const { OH, OW } = poolOut(shape);
  const out = new Float64Array(N * C * OH * OW);
  const indices = new Uint32Array(out.length);
  const dx = new Float64Array(N * C * H * W);
  for (let plane = 0; plane < N * C; plane++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const o = (plane * OH + oy) * OW + ox;
        let best = Number.NEGATIVE_INFINITY;
        let arg = oy * s * W + ox * s;
        let sum = 0;
        for (let ky = 0; ky < k; ky++) {
          for (let kx = 0; kx < k; kx++) {
            const q = (oy * s + ky) * W + ox * s + kx;
            const v = x[plane * H * W + q]!;
            sum += v;
            if (v > best || Number.isNaN(v)) {
              best = v;
              arg = q;
            }
          }
        }
        out[o] = kind === 'max' ? best : sum / (k * k);
        indices[o] = arg;
        if (kind === 'max') {
          dx[plane * H * W + arg]! += dy[o]!;
        } else {
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              dx[plane * H * W + (oy * s + ky) * W + ox * s + kx]! += dy[o]! / (k * k);
            }
          }
        }
      }
    }
  }
  return { out, indices, dx };
}

export interface NormShape {
  readonly batch: number;
  readonly channels: number;
  /** H x W; 1 for BatchNorm1d on `[batch][features]`. */
  readonly spatial: number;
}

/**
 * F.batch_norm in training mode and its backward (ATen's batch_norm_backward): per channel the
 * mean and biased variance over (batch, H, W), xhat = (x - mean) / sqrt(var + eps),
 * y = weight xhat + bias; dx = weight invstd / n (n dy - sum dy - xhat sum(dy xhat)),
 * dweight = sum(dy xhat), dbias = sum dy.
 */
export function batchNormRef(
  shape: NormShape,
  x: ArrayLike<number>,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  dy: ArrayLike<number>,
  eps: number,
) {
  const { batch: N, channels: C, spatial: L } = shape;
  const n = N * L;
  const mean = new Float64Array(C);
  const variance = new Float64Array(C);
  const y = new Float64Array(N * C * L);
  const dx = new Float64Array(N * C * L);
  const dweight = new Float64Array(C);
  const dbias = new Float64Array(C);
  const index = (b: number, c: number, l: number) => (b * C + c) * L + l;
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let b = 0; b < N; b++) for (let l = 0; l < L; l++) sum += x[index(b, c, l)]!;
    const m = sum / n;
    let sq = 0;
    for (let b = 0; b < N; b++) for (let l = 0; l < L; l++) sq += (x[index(b, c, l)]! - m) ** 2;
    const v = sq / n;
    const invstd = 1 / Math.sqrt(v + eps);
    mean[c] = m;
    variance[c] = v;
    let sdy = 0;
    let sdyx = 0;
    for (let b = 0; b < N; b++) {
      for (let l = 0; l < L; l++) {
        const i = index(b, c, l);
        const xhat = (x[i]! - m) * invstd;
        y[i] = weight[c]! * xhat + bias[c]!;
        sdy += dy[i]!;
        sdyx += dy[i]! * xhat;
      }
    }
    dweight[c] = sdyx;
    dbias[c] = sdy;
    for (let b = 0; b < N; b++) {
      for (let l = 0; l < L; l++) {
        const i = index(b, c, l);
        const xhat = (x[i]! - m) * invstd;
        dx[i] = ((weight[c]! * invstd) / n) * (n * dy[i]! - sdy - xhat * sdyx);
      }
    }
  }
  return { mean, variance, y, dx, dweight, dbias };
}
