import { useState } from 'react';
import { platform } from '../platform/currentPlatform';
import { useTraining } from '../stores/appStores';

const SEEN = 'layerboard.welcomed';

/**
 * The first launch's start: what to do first, in three steps, until the user dismisses it or
 * starts a run. It sits with the canvas's notes, so it covers no node.
 */
export function Welcome() {
  const [seen, setSeen] = useState(() => platform.storage.get(SEEN) !== null);
  const trained = useTraining((s) => s.run !== undefined);
  if (seen || trained) return null;
  const dismiss = () => {
    platform.storage.set(SEEN, 'yes');
    setSeen(true);
  };
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Start here</h2>
      <ol>
        <li>
          A lesson is open: its layers, its data and its settings. <strong>New</strong> opens the
          others, or a blank project.
        </li>
        <li>
          Press <strong>Train</strong> (top right) and watch the loss fall in the Training tab.
        </li>
        <li>
          Drag layers from the left (or press Enter on one) to change the model, and train again.
        </li>
      </ol>
      <button type="button" className="button" onClick={dismiss}>
        Got it
      </button>
    </section>
  );
}
