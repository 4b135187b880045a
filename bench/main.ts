/**
 * The benchmark page: `scripts/bench.mjs` opens it in headless Chromium and calls
 * `window.bench.run(name, options)` once per contender, each in a fresh page.
 */
import { countGpuCalls } from './gpuCounters';
import { type BenchOptions, type BenchResult, measure, type Trainer } from './harness';

type Create = (options: BenchOptions) => Promise<Trainer>;

/**
 * Layerboard's contenders are built apart (one Vite library build each) and loaded by URL, so that
 * an engine that does not build yet fails its own contender, not the page.
 */
async function engineContender(file: string): Promise<Create> {
  const url = new URL(`engine/${file}.js`, document.baseURI).href;
  const module: { createTrainer: Create } = await import(/* @vite-ignore */ url);
  return module.createTrainer;
}

const contenders: Record<string, () => Promise<Create>> = {
  'layerboard-webgpu': () => engineContender('layerboard-webgpu'),
  'layerboard-cpu': () => engineContender('layerboard-cpu'),
  'tfjs-webgpu': async () => {
    const { createTfjsTrainer } = await import('./tfjs');
    return (options) => createTfjsTrainer('webgpu', options);
  },
  'tfjs-webgl': async () => {
    const { createTfjsTrainer } = await import('./tfjs');
    return (options) => createTfjsTrainer('webgl', options);
  },
  'tfjs-cpu': async () => {
    const { createTfjsTrainer } = await import('./tfjs');
    return (options) => createTfjsTrainer('cpu', options);
  },
};

export interface AdapterInfo {
  readonly webgpu: string;
  readonly webgl: string;
}

/** What the run's WebGPU adapter and WebGL renderer are, for the report. */
async function adapterInfo(): Promise<AdapterInfo> {
  let webgpu = 'none (navigator.gpu is missing)';
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter) {
    const { vendor, architecture, device, description } = adapter.info;
    webgpu = [vendor, architecture, device, description].filter((s) => s).join(' / ');
  } else if (navigator.gpu) webgpu = 'none (no adapter)';
  const gl = document.createElement('canvas').getContext('webgl2');
  const debug = gl?.getExtension('WEBGL_debug_renderer_info');
  const webgl = gl
    ? String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    : 'none';
  return { webgpu, webgl };
}

async function run(name: string, options: BenchOptions): Promise<BenchResult> {
  const load = contenders[name];
  if (!load) throw new Error(`unknown contender "${name}"`);
  return measure(name, await load(), options);
}

declare global {
  interface Window {
    bench: { adapterInfo: typeof adapterInfo; run: typeof run };
  }
}

countGpuCalls();
window.bench = { adapterInfo, run };
