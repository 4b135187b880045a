import { contextBridge } from 'electron';

// The renderer's only door to the platform: one function per channel, added as the app needs them.
contextBridge.exposeInMainWorld('layerboard', {
  platform: process.platform,
});
