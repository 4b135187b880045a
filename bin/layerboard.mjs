#!/usr/bin/env node
// `npx layerboard <command>`: the command line runs the TypeScript sources through tsx, so there is
// no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
