/** One nn.Linear as each of its kernels sees it: the batch, its sizes, where its weights sit. */
export interface LinearLayer {
  /** The program's name. */
  readonly name: string;
  /** Batch rows. */
  readonly rows: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /**
   * Where W (`[out][in]`) starts in the flat parameter buffer, in floats; dW sits at the same
   * offset of the flat gradient buffer.
   */
  readonly weightOffset: number;
}
