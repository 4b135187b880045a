import { version } from '../../../package.json';
import { engineStore, uiStore } from '../stores/appStores';
import { describeAdapter } from '../stores/engineStore';
import type { Command } from './command';

/** "Layerboard 0.1.0 (Electron 45.4.1, Chromium 142...). WebGPU: SwiftShader" */
export function aboutText(desktop: { electron: string; chrome: string } | undefined): string {
  const runtime = desktop ? ` (Electron ${desktop.electron}, Chromium ${desktop.chrome})` : '';
  const device = describeAdapter(engineStore.getState().adapter);
  return `Layerboard ${version}${runtime}. Build, train and export neural networks by drag and drop. ${device.replace(/[.…]$/, '')}.`;
}

export const helpCommands = [
  {
    id: 'lessons',
    label: 'Lessons…',
    shortcuts: [],
    undoable: false,
    // Each lesson is a whole project (layers, dataset, settings): the New dialog lists them.
    run: () => uiStore.getState().openDialog('new-project'),
  },
  {
    id: 'about',
    label: 'About Layerboard',
    shortcuts: [],
    undoable: false,
    run: (ctx) => uiStore.getState().notify('info', aboutText(ctx.platform.desktop?.versions)),
  },
] satisfies Command[];
