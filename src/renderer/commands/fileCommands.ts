import { MODEL_FORMAT } from '../../engine';
import { parseProjectText } from '../../shared/parseProject';
import { handInProblem, lastRunClaim } from '../classroom/handIn';
import { exportStore } from '../export/appExport';
import { openedJsonText } from '../platform/openedJson';
import type { Platform } from '../platform/platform';
import {
  handInText,
  mayReplace,
  openProject,
  projectFileName,
  saveProject,
} from '../project/projectDocument';
import { copyShareLink } from '../project/sharing';
import {
  currentModelKey,
  documentStores,
  projectStore,
  trainingStore,
  uiStore,
} from '../stores/appStores';
import type { Commands } from './command';

export const PROJECT_FILTERS = [
  { name: 'Layerboard project', extensions: ['layerboard.json', 'json'] },
];

const OPEN_FILTERS = [
  { name: 'Layerboard project or model', extensions: ['layerboard.json', 'model.json', 'json'] },
];

/** True for the text of a model file (`"format": "layerboard/model"`), not a project. */
function isModelText(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown } | null)?.format === MODEL_FORMAT;
  } catch {
    return false;
  }
}

async function save(platform: Platform, askWhere: boolean): Promise<void> {
  const request = { title: 'Save project', filters: PROJECT_FILTERS, askWhere };
  const saved = await saveProject(documentStores, platform, request);
  if (saved) uiStore.getState().notify('info', `Saved ${saved.name}`);
}

/**
 * Opens a project file (or a model file, in the model dialog). A bad file is refused with a
 * message naming the bad field, or saying what the file seems to be when it is not JSON (an
 * ONNX export, an image, a CSV table), and the project on screen stays as it was.
 */
async function open(platform: Platform): Promise<void> {
  if (!mayReplace(documentStores)) return;
  const file = await platform.openFile({ title: 'Open project or model', filters: OPEN_FILTERS });
  if (!file) return;
  const refuse = (error: string) =>
    uiStore
      .getState()
      .notify('error', `Could not open ${file.name}: ${error} Your open project is unchanged.`);
  const opened = await openedJsonText(file, 'project or model');
  if (!opened.ok) {
    refuse(opened.error);
    return;
  }
  const { text } = opened;
  // A trained model (File > Open of a *.model.json) opens in the model dialog, to predict with.
  if (isModelText(text)) {
    exportStore.getState().openModelText(file.name, text);
    return;
  }
  const result = parseProjectText(text);
  if (!result.ok) {
    refuse(`${result.error}.`);
    return;
  }
  openProject(documentStores, result.value, {
    name: file.name,
    ...(file.path ? { path: file.path } : {}),
  });
}

/**
 * Hand in: saves the project with the claim of its last run (the `run` section) as a new file
 * for the teacher, leaving the project's own file as it is. Refused, with what to do, without an
 * assignment or a run a re-run can repeat.
 */
async function handIn(platform: Platform): Promise<void> {
  const { assignment, dataset, training } = projectStore.getState();
  const notify = uiStore.getState().notify;
  if (!assignment) {
    notify('error', 'Hand in is for assignments: open the assignment file your teacher gave you.');
    return;
  }
  const run = trainingStore.getState();
  const problem = handInProblem(run, { modelKey: currentModelKey(), dataset, training });
  if (problem) {
    notify('error', `Not handed in yet. ${problem}`);
    return;
  }
  const saved = await platform.saveFile({
    title: 'Hand in',
    suggestedName: projectFileName(`${assignment.title} hand-in`),
    filters: PROJECT_FILTERS,
    data: handInText(documentStores, lastRunClaim(run, new Date())),
  });
  if (saved) notify('info', `Handed in: saved ${saved.name}. Give this file to your teacher.`);
}

export const fileCommands = {
  new: () => uiStore.getState().openDialog('new-project'),
  open: (ctx) => open(ctx.platform),
  save: (ctx) => save(ctx.platform, false),
  'save-as': (ctx) => save(ctx.platform, true),
  'hand-in': (ctx) => handIn(ctx.platform),
  // The web build's address is the link's; the desktop app has none to share (its header hides it).
  'copy-share-link': () =>
    copyShareLink(documentStores, uiStore, {
      href: window.location.href,
      clipboard: navigator.clipboard,
    }),
} satisfies Commands;
