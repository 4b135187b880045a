// The stylesheets come first, in cascade order, so that the rules they share (tokens, buttons,
// fields) load before each area's own, and before export.css, which its component imports.
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/buttons.css';
import './panels/fields.css';
import './shell/shell.css';
import './shell/dialogs.css';
import './editor/palette.css';
import './editor/canvas.css';
import './editor/inspector.css';
import './panels/panels.css';
import './panels/dataset/dataset.css';
import './panels/dataset/draft.css';
import './panels/training/training.css';
import './panels/training/charts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { platform } from './platform/currentPlatform';
import { restoreAutosave, startAutosave } from './project/autosave';
import { connectEngine, documentStores } from './stores/appStores';

connectEngine();
// The project that was open before a reload or crash comes back; then every change is kept.
restoreAutosave(documentStores, platform.storage);
startAutosave(documentStores, platform.storage);
// The web build keeps working offline once loaded (its sw.js, config/serviceWorker.js). Without
// it (a browser that refuses one) the app works online as before, so a refusal is not an error.
if (import.meta.env.PROD && platform.kind === 'browser' && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
