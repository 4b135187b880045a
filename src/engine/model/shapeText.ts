/** Number of values in a shape: `[28, 28]` holds 784. */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A shape as PyTorch prints a batch of it: `[batch, 28, 28]`. */
export function batchShapeText(shape: readonly number[]): string {
  return `[batch, ${shape.join(', ')}]`;
}

/** `28 x 28` for the arithmetic in messages. */
export function productText(shape: readonly number[]): string {
  return shape.join(' x ');
}
