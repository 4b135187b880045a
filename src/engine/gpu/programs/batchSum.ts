import type { Program } from '../program';

/** Threads of the single workgroup; thread `lid` owns rows lid, lid + 64, ... */
const THREADS = 64;

/** One workgroup reduces the whole batch (a batch is small: the loop over rows does the rest). */
export const BATCH_SUM_LAUNCH: Pick<Program, 'workgroupSize' | 'dispatch'> = {
  workgroupSize: [THREADS, 1, 1],
  dispatch: [1, 1, 1],
};

/**
 * The workgroup memory and `main` of a kernel that sums a per-row quantity over a batch of `R`
 * rows of `C` outputs (WGSL constants the program declares). `rowBody` runs for each row `r`,
 * with `base` its first output and `src` its dataset row (the expression `src`), and adds into
 * `sum`; after one barrier thread 0 adds the 64 partial sums in a fixed order, so runs are
 * repeatable, and runs `store` with their sum in `total`.
 */
export function batchSumMainWgsl(src: string, rowBody: string, store: string): string {
  return `var<workgroup> partial: array<f32, ${THREADS}>;
@compute @workgroup_size(${THREADS}, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  for (var r = lid; r < R; r += ${THREADS}u) {
    let base = r * C;
    let src = ${src};
${rowBody}
  }
  partial[lid] = sum;
  workgroupBarrier();
  if (lid == 0u) {
    var total = 0.0;
    for (var t = 0u; t < ${THREADS}u; t++) { total += partial[t]; }
    ${store};
  }
}
`;
}
