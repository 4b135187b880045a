import type { ExportFormat } from '../../engine';
import { exportStore } from '../export/appExport';
import type { CommandContext, Commands } from './command';

const exportAs = (format: ExportFormat) => (ctx: CommandContext) =>
  exportStore.getState().exportAs(ctx.platform, format);

/** File > Export: the trained model as model JSON, a PyTorch script or ONNX; and opening a model. */
export const exportCommands = {
  'export-json': exportAs('json'),
  'export-pytorch': exportAs('pytorch'),
  'export-onnx': exportAs('onnx'),
  'open-model': (ctx) => exportStore.getState().openModel(ctx.platform),
} satisfies Commands;
