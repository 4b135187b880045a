/**
 * The engine's front door: what the renderer may use. The worker runs the engine itself (see
 * worker/worker.ts); the app reaches it through the typed protocol below and otherwise uses only
 * these pure functions and types. Deep imports into the engine's folders are for its own tests
 * (and the CLI, which runs the engine in-process).
 */

export type { Histogram, LayerInsides } from './backend';
// Data: the built-in lessons, CSV previews and roles, statistics.
export { BUILTINS, builtinDataShape, builtinDataset } from './data/builtins';
export { type ColumnSummary, usableAsFeature } from './data/columnSummary';
export { type MissingReport, missingText } from './data/csvDataset';
export { type CsvPreview, previewCsv } from './data/csvPreview';
export { classNames, inferTask } from './data/csvRoles';
export { imageSize } from './data/dataset';
export type { FolderRef } from './data/imageFolder';
export type { DatasetInfo } from './data/loadData';
export type { Preprocessing } from './data/normalize';
export { textSource } from './data/source';
export { splitCounts, validationCount } from './data/split';
export type { ColumnStats } from './data/stats';
export {
  type ColumnEncoding,
  compareCodePoints,
  encodeCell,
  encodedWidth,
  encodingText,
  MAX_CATEGORIES,
} from './data/tableEncoding';
export { binaryKind } from './data/textDecode';
export { isInputError } from './errors';
// Model files and exports.
export { compareOutputs, type OutputDifference } from './export/compareOutputs';
export {
  type ExportFormat,
  exportFileName,
  exportModel,
  FORMAT_INFO,
} from './export/exportFormats';
export {
  MODEL_FORMAT,
  type ModelFile,
  type ModelFileLayer,
  modelFileText,
  modelFromFile,
  parseModelFileText,
} from './export/modelFile';
export { shortestFloat32 } from './export/numberText';
export { ONNX_INPUT, ONNX_OUTPUT } from './export/onnxGraph';
export { createPredictor, type Predictor } from './export/predict';
export { modelFileOfRun } from './export/runModelFile';
export { sampleInputs } from './export/sampleInputs';
// Assignments and hand-ins: the grading rules the app and `layerboard grade` share.
export { gradebookCsv } from './grade/gradebook';
export {
  allowsKind,
  budgetProblem,
  type Grade,
  goalText,
  gradeHandIn,
  handInRun,
  kindProblems,
  LOCK_LABELS,
  lockProblems,
  lossCurve,
  METRIC_LABELS,
  meetsGoal,
  metricText,
  type Retrained,
  runMetrics,
} from './grade/grading';
// A project's run history: the record of a finished run, and what changed between two.
export { NO_CHANGE, runChanges } from './grade/runDiff';
export { nextRunNumber, runNumber, runRecord } from './grade/runRecord';
// Metrics as scikit-learn defines them (docs/DESIGN.md, "Metrics").
export { classificationMetrics } from './metrics';
// Graphs and models: compiling, node kinds, shapes, parameters.
export { bytesText } from './model/budget';
export { type CompileResult, compileGraph, type Problem } from './model/compile';
export { type DataShape, suggestedLoss, type Task } from './model/dataShape';
export { paramsFromProject } from './model/init';
export {
  NODE_DEFINITIONS,
  type NodeGroup,
  nodeDefinition,
  type ParamDescriptor,
  paramValue,
} from './model/nodes';
export { batchShapeText } from './model/shapeText';
export type { ModelParams, ModelSpec } from './model/spec';
export { TENSOR_NAMES } from './model/tensors';
export type { FeatureMapLayer, FeatureMaps } from './run/featureMaps';
export type { LiveView } from './run/liveViews';
export type { SampleSet } from './run/sampleSets';
export type { LinearStep, MatrixPreview, StepDetails } from './run/stepDetails';
export type { Divergence } from './train/divergence';
export type { DeadUnits, DoctorAdvice } from './train/doctor';
export type { EarlyStop, EpochReport } from './train/trainer';
export { earlyStopMessage } from './train/trainer';
// The worker protocol: requests, notices and what they carry.
export type {
  DataNotices,
  DataRequests,
  DatasetDescription,
  IdxSummary,
  SampleGrid,
} from './worker/dataMessages';
export type {
  RunFacts,
  SplitEvaluation,
  TrainAction,
  TrainRequests,
  TrainResult,
  TrainStart,
} from './worker/trainMessages';
export {
  type AdapterReport,
  type Notice,
  PROTOCOL_VERSION,
  type ReplyOf,
  type RequestBody,
  type RequestType,
  unknownMessage,
  type WorkerEvent,
  type WorkerRequest,
} from './worker/workerProtocol';
