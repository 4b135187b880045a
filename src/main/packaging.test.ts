import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check, without packaging (which would download Electron).
describe('electron-builder.yml', () => {
  it('loads and passes electron-builder 26 validation, with AppImage, dmg and nsis', async () => {
    const config = await getConfig(resolve('.'), null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.linux?.target).toBe('AppImage');
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('points at a 512 x 512 PNG icon', () => {
    const png = readFileSync(resolve('resources/icon.png'));
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
