import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectEngine } from './engine/connectEngine';
import { platform } from './platform/currentPlatform';
import { restoreAutosave, startAutosave } from './project/autosave';
import { documentStores } from './stores/appStores';
import '@xyflow/react/dist/style.css';
import './styles.css';

connectEngine();
// The project that was open before a reload or crash comes back; then every change is kept.
restoreAutosave(documentStores, platform.storage);
startAutosave(documentStores, platform.storage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
