import { createStore } from 'zustand/vanilla';
import {
  createPredictor,
  type ExportFormat,
  exportFileName,
  exportModel,
  FORMAT_INFO,
  type ModelFile,
  type OutputDifference,
  type Predictor,
  parseModelFileText,
} from '../../engine';
import { openedJsonText } from '../platform/openedJson';
import type { Platform } from '../platform/platform';

export interface ExportStatus {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

/** A model file the user opened to predict with. */
export interface OpenedModel {
  readonly name: string;
  readonly file: ModelFile;
  readonly predictor: Predictor;
}

export interface ExportState {
  /** An export is being built, saved or verified. */
  busy: boolean;
  /** What the last export or open did, in words. */
  status: ExportStatus | undefined;
  opened: OpenedModel | undefined;
  /** Builds the trained model in `format`, saves it where the user says; ONNX is then verified. */
  exportAs(platform: Platform, format: ExportFormat): Promise<void>;
  /** Asks for a `*.model.json` and opens it to predict with; another file says what it seems. */
  openModel(platform: Platform): Promise<void>;
  /** Opens model file text (a dropped file); a bad file is refused with the bad field named. */
  openModelText(name: string, text: string): void;
  closeModel(): void;
}

export interface ExportDeps {
  /** The trained model's file; throws an Error saying why when there is none. */
  readonly modelFile: () => Promise<ModelFile>;
  readonly projectName: () => string;
  /** Checks an ONNX export against the model (onnxruntime-web). */
  readonly verifyOnnx: (bytes: Uint8Array, file: ModelFile) => Promise<OutputDifference>;
  readonly verificationText: (difference: OutputDifference) => string;
  readonly notify: (tone: ExportStatus['tone'], text: string) => void;
}

export const MODEL_FILTERS = [{ name: 'Layerboard model', extensions: ['model.json', 'json'] }];

const message = (err: unknown) => (err as Error).message;

/** The export area's state: exports of the trained model, and a model file opened to predict. */
export function createExportStore(deps: ExportDeps) {
  return createStore<ExportState>()((set, get) => {
    const report = (status: ExportStatus) => {
      set({ status });
      deps.notify(status.tone, status.text);
    };
    return {
      busy: false,
      status: undefined,
      opened: undefined,
      exportAs: async (platform, format) => {
        if (get().busy) return;
        set({ busy: true, status: undefined });
        try {
          const file = await deps.modelFile();
          const suggestedName = exportFileName(deps.projectName(), format);
          const info = FORMAT_INFO[format];
          const data = exportModel(file, format, suggestedName);
          const saved = await platform.saveFile({
            title: info.title,
            suggestedName,
            filters: [{ name: info.filterName, extensions: [info.extension] }],
            data,
          });
          if (!saved) return;
          if (typeof data === 'string') {
            report({ tone: 'info', text: `Exported ${saved.name}` });
            return;
          }
          const difference = await deps.verifyOnnx(data, file);
          const text = `Exported ${saved.name}. ${deps.verificationText(difference)}`;
          report({ tone: difference.scaled < 1e-5 ? 'info' : 'error', text });
        } catch (err) {
          report({ tone: 'error', text: `Export failed: ${message(err)}` });
        } finally {
          set({ busy: false });
        }
      },
      openModel: async (platform) => {
        const chosen = await platform.openFile({ title: 'Open model', filters: MODEL_FILTERS });
        if (!chosen) return;
        const opened = await openedJsonText(chosen, 'model');
        if (opened.ok) get().openModelText(chosen.name, opened.text);
        else report({ tone: 'error', text: `Could not open ${chosen.name}: ${opened.error}` });
      },
      openModelText: (name, text) => {
        try {
          const file = parseModelFileText(text);
          set({ opened: { name, file, predictor: createPredictor(file) } });
        } catch (err) {
          report({ tone: 'error', text: `Could not open ${name}: ${message(err)}` });
        }
      },
      closeModel: () => set({ opened: undefined }),
    };
  });
}

export type ExportStore = ReturnType<typeof createExportStore>;
