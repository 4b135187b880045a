import { version } from '../../../package.json';
import { engineStore, uiStore } from '../stores/appStores';
import { describeAdapter } from '../stores/engineStore';
import type { Commands } from './command';

/** "Layerboard 0.1.0 (Electron 45.4.1, Chromium 142...). WebGPU: SwiftShader" */
export function aboutText(desktop: { electron: string; chrome: string } | undefined): string {
  const runtime = desktop ? ` (Electron ${desktop.electron}, Chromium ${desktop.chrome})` : '';
  const device = describeAdapter(engineStore.getState().adapter);
  return `Layerboard ${version}${runtime}. Build, train and export neural networks by drag and drop. ${device.replace(/[.…]$/, '')}.`;
}

export const helpCommands = {
  lessons: () => uiStore.getState().openDialog('new-project'),
  about: (ctx) => uiStore.getState().notify('info', aboutText(ctx.platform.desktop?.versions)),
} satisfies Commands;
