import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { aboutText } from './helpCommands';

describe('About', () => {
  it('names the version, and Electron and Chromium in the desktop app', () => {
    expect(aboutText(undefined)).toMatch(
      new RegExp(`^Layerboard ${version.replace(/\./g, '\\.')}\\. `),
    );
    expect(aboutText({ electron: '45.4.1', chrome: '142.0.1' })).toContain(
      '(Electron 45.4.1, Chromium 142.0.1)',
    );
    // The engine has not reported yet: the sentence still ends cleanly.
    expect(aboutText(undefined)).toMatch(/Looking for a WebGPU adapter\.$/);
  });
});
