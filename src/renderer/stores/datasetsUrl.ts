/**
 * The URL of the built-in datasets the app serves (`resources/` is the renderer's public folder,
 * so `resources/datasets` is `./datasets/` beside the page). The worker is told it: relative to
 * the worker's own script it would point elsewhere.
 */
export function builtinDatasetsUrl(): string {
  return new URL('./datasets/', document.baseURI).href;
}
