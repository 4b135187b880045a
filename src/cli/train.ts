import { dirname, join, resolve } from 'node:path';
import { builtinDataset } from '../engine/data/builtins';
import { dataWarnings } from '../engine/data/dataWarnings';
import type { PreparedData } from '../engine/data/loadData';
// With its .ts extension: tsx would take a bare `.node` for a native addon.
import { loadProjectData } from '../engine/data/loadProject.node.ts';
import { builtinDatasetsDir } from '../engine/data/nodeFiles.node.ts';
import { InputError } from '../engine/errors';
import { modelFilePieces } from '../engine/export/modelFile';
import { modelFileOfRun } from '../engine/export/runModelFile';
import { compileForData } from '../engine/model/compileForData';
import { paramsFromProject } from '../engine/model/init';
import {
  type EpochReport,
  earlyStopMessage,
  Trainer,
  type TrainerEvent,
  type TrainerOptions,
} from '../engine/train/trainer';
import { type DatasetRef, earlyStoppingProblem, type TrainingSettings } from '../shared/project';
import { choiceOption, onePositional, parseCommandArgs, positiveIntOption } from './args';
import { chooseBackend } from './backends';
import {
  checkOutput,
  defaultModelPath,
  type InputFile,
  readProject,
  writeFileAtomic,
} from './files';
import { dataLines, epochLine, folderSummary, terminalText, testLine } from './format';

export const TRAIN_USAGE =
  'layerboard train <project.json> [--epochs N] [--backend webgpu|cpu] [--out model.json]';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The data files a project reads: its CSV or IDX files, its image folder, or the built-in's files. */
function dataFiles(ref: DatasetRef, projectDir: string): InputFile[] {
  switch (ref.source) {
    case 'csv':
      return [{ path: resolve(projectDir, ref.path), what: "the project's CSV file" }];
    case 'idx':
      return [
        { path: resolve(projectDir, ref.images), what: "the project's images file" },
        { path: resolve(projectDir, ref.labels), what: "the project's labels file" },
      ];
    case 'folder':
      return [{ path: resolve(projectDir, ref.path), what: "the project's image folder" }];
    case 'builtin': {
      const dir = builtinDatasetsDir();
      return builtinDataset(ref.name).files.map((file) => ({
        path: join(dir, file),
        what: 'a built-in dataset file',
      }));
    }
  }
}

/** The Trainer's options for a project's run of `epochs` on its loaded data. */
export function trainerOptions(
  data: PreparedData,
  training: TrainingSettings,
  epochs: number,
  onEpoch?: (report: EpochReport) => void,
): TrainerOptions {
  return {
    epochs,
    train: data.train,
    ...(data.validation ? { validation: data.validation } : {}),
    ...(training.earlyStopping ? { earlyStopping: training.earlyStopping } : {}),
    ...(onEpoch
      ? {
          onEvent: (event: TrainerEvent) => {
            if (event.type === 'epoch') onEpoch(event.report);
          },
        }
      : {}),
  };
}

/**
 * `layerboard train`: loads the project and its data, compiles the graph, trains with one line
 * per epoch, and writes the model file (only when training ends well, so nothing half-way; never
 * over the project or its data).
 */
export async function trainCommand(args: readonly string[], io: Output): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { epochs: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' } },
    TRAIN_USAGE,
  );
  const projectArg = onePositional(positionals, 'the project file', TRAIN_USAGE);
  const projectPath = resolve(projectArg);
  const epochsOption = positiveIntOption('epochs', values.epochs);
  const requested = choiceOption('backend', values.backend, ['webgpu', 'cpu'] as const);
  const outPath = resolve(values.out ?? defaultModelPath(projectPath));

  const project = await readProject(projectArg);
  const projectDir = dirname(projectPath);
  checkOutput(outPath, '--out', [
    { path: projectPath, what: 'the project file' },
    ...dataFiles(project.dataset, projectDir),
  ]);
  const { training } = project;
  const problem = earlyStoppingProblem(training);
  if (problem) throw new InputError(`${problem} (in the project's "training")`);
  const data = await loadProjectData(project, projectDir);
  for (const warning of dataWarnings(data.info)) io.err(`warning: ${terminalText(warning)}`);
  for (const line of dataLines(data.info)) io.err(`data: ${line}`);
  if (project.dataset.source === 'folder') io.err(folderSummary(data));
  const model = compileForData(project.graph, data.info, project.training);
  const params = paramsFromProject(model, project.weights, training.seed);
  const epochs = epochsOption ?? training.epochs;

  const backend = await chooseBackend(requested, (message) => io.err(`notice: ${message}`));
  const session = await backend.createSession(model, params, data.train, training);
  // The rate changes only with a schedule: then each epoch's line says it.
  const scheduled = (training.schedule?.type ?? 'constant') !== 'constant';
  const trainer = new Trainer(
    session,
    trainerOptions(data, training, epochs, (report) => io.out(epochLine(report, scheduled))),
  );
  const outcome = await trainer.run();
  if (outcome.kind === 'diverged') {
    throw new InputError(
      `training diverged: ${outcome.divergence.message}; no model file was written`,
    );
  }
  const earlyStop = outcome.kind === 'completed' ? outcome.earlyStop : undefined;
  if (earlyStop) io.err(earlyStopMessage(earlyStop));
  if (data.test) {
    const test = await session.evaluate(data.test);
    io.out(testLine(test));
  }
  const file = modelFileOfRun({
    name: project.name,
    model,
    params: await session.getParams(),
    data: data.info,
    preprocessing: data.preprocessing,
    training: { ...training, epochs },
    dataset: project.dataset,
    backend: backend.name,
    history: outcome.history,
    keptEpoch: earlyStop?.bestEpoch,
  });
  session.dispose();
  await writeFileAtomic(outPath, modelFilePieces(file));
  io.err(`wrote ${outPath} (${backend.label})`);
}
