import type { ExportFormat } from '../../engine';
import { exportStore } from '../export/appExport';
import type { Command, CommandContext } from './command';

const exportAs = (format: ExportFormat) => (ctx: CommandContext) =>
  exportStore.getState().exportAs(ctx.platform, format);

/** File > Export: the trained model as model JSON, a PyTorch script or ONNX; and opening a model. */
export const exportCommands = [
  {
    id: 'export-json',
    label: 'Export JSON…',
    shortcuts: [],
    undoable: false,
    run: exportAs('json'),
  },
  {
    id: 'export-pytorch',
    label: 'Export PyTorch…',
    shortcuts: [],
    undoable: false,
    run: exportAs('pytorch'),
  },
  {
    id: 'export-onnx',
    label: 'Export ONNX…',
    shortcuts: [],
    undoable: false,
    run: exportAs('onnx'),
  },
  {
    id: 'open-model',
    label: 'Open model…',
    shortcuts: [],
    undoable: false,
    run: (ctx) => exportStore.getState().openModel(ctx.platform),
  },
] satisfies Command[];
