import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/project';
import { TEMPLATES } from '../templates';
import {
  MAX_LINK_CHARS,
  MAX_PROJECT_BYTES,
  readShareFragment,
  SHARE_PREFIX,
  shareLink,
} from './shareLink';

const PAGE = 'https://layerboard.example/app/';
const lesson = (id: string) => structuredClone(TEMPLATES.find((t) => t.id === id)!.project);

/** The fragment of a link, as `location.hash` gives it. */
const hashOf = (link: string) => link.slice(link.indexOf('#'));

/** A fragment holding `text` deflated, as a crafted link would. */
const crafted = (text: string | Uint8Array) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return `${SHARE_PREFIX}${Buffer.from(deflateSync(bytes)).toString('base64url')}`;
};

function linkOf(project: Project): string {
  const made = shareLink(project, PAGE);
  if (!made.ok) throw new Error(made.error);
  return made.link;
}

/** A 784-256-128-10 MLP's initial weights, as a trained model handed back to a project has them. */
function withMlpWeights(project: Project): Project {
  const layer = (rows: number, cols: number, seed: number) => ({
    weight: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => Math.sin(seed + r * cols + c) / 30),
    ),
    bias: Array.from({ length: rows }, (_, r) => Math.cos(seed + r) / 30),
  });
  return {
    ...project,
    weights: { fc1: layer(256, 784, 1), fc2: layer(128, 256, 2), fc3: layer(10, 128, 3) },
  };
}

describe('share links', () => {
  it('opens the same project it was made from, for every lesson', () => {
    for (const template of TEMPLATES) {
      const link = linkOf(template.project);
      expect(link.startsWith(`${PAGE}${SHARE_PREFIX}`)).toBe(true);
      expect(link.length, template.id).toBeLessThan(1_000);
      expect(readShareFragment(hashOf(link))).toEqual({ ok: true, value: template.project });
    }
  });

  it('keeps names with quotes, markup and non-Latin text as text', () => {
    const project = { ...lesson('mlp'), name: '<img src=x onerror=alert(1)> "Ünïcödé" 模型 😀' };
    const opened = readShareFragment(hashOf(linkOf(project)));
    expect(opened).toEqual({ ok: true, value: project });
  });

  it('carries the assignment, not the run history or a hand-in claim', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const metrics = { loss: 0.5 };
    const project: Project = {
      ...lesson('linear-regression'),
      assignment: {
        title: 'Beat 20',
        instructions: 'Change only the learning rate.',
        goal: { metric: 'loss', atMost: 20 },
        locked: ['dataset'],
      },
      run: { metrics, epochs: 3, backend: 'cpu', at, app: 'Layerboard 0.1.0', history: [] },
      runs: [
        {
          at,
          durationMs: 10,
          backend: 'cpu',
          outcome: 'completed',
          graph: lesson('linear-regression').graph,
          dataset: { source: 'builtin', name: 'crop-yields' },
          training: lesson('linear-regression').training,
          metrics,
          history: [{ epoch: 1, loss: 0.5 }],
        },
      ],
    };
    const opened = readShareFragment(hashOf(linkOf(project)));
    expect(opened?.ok && opened.value.assignment).toEqual(project.assignment);
    expect(opened?.ok && 'runs' in opened.value).toBe(false);
    expect(opened?.ok && 'run' in opened.value).toBe(false);
    // A crafted link's history is dropped too.
    const sneaked = readShareFragment(crafted(JSON.stringify(project)));
    expect(sneaked?.ok && ['runs' in sneaked.value, 'run' in sneaked.value]).toEqual([
      false,
      false,
    ]);
  });

  it('names an imported data file without carrying it', () => {
    const project: Project = {
      ...lesson('linear-regression'),
      dataset: {
        source: 'csv',
        path: 'farms.csv',
        features: ['temp_f'],
        targets: ['yield_ton'],
        task: 'regression',
      },
    };
    const opened = readShareFragment(hashOf(linkOf(project)));
    expect(opened?.ok && opened.value.dataset).toEqual(project.dataset);
  });

  it('replaces a fragment the page already has', () => {
    const made = shareLink(lesson('line-fit'), `${PAGE}#project=old`);
    expect(made.ok && made.link.split('#')).toHaveLength(2);
  });

  it('keeps initial weights that fit, and leaves out those that make it too long', () => {
    const linear = lesson('linear-regression');
    const small = shareLink(linear, PAGE);
    expect(small.ok && small.weightsLeftOut).toBe(false);
    const small2 = small.ok ? readShareFragment(hashOf(small.link)) : undefined;
    expect(small2?.ok && small2.value.weights).toEqual(linear.weights);

    const big = shareLink(withMlpWeights(lesson('mlp')), PAGE);
    expect(big.ok && big.weightsLeftOut).toBe(true);
    expect(big.ok && big.link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const opened = big.ok ? readShareFragment(hashOf(big.link)) : undefined;
    expect(opened).toEqual({ ok: true, value: lesson('mlp') });
  });

  it('refuses a project too long for a link even without weights', () => {
    const project = lesson('linear-regression');
    // Random text does not compress: 10,000 characters of it cannot fit (a seeded LCG's).
    let state = 1;
    const instructions = Array.from({ length: 10_000 }, () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return String.fromCharCode(33 + (state % 89));
    }).join('');
    project.assignment = { title: 'Long', instructions, goal: { metric: 'loss', atMost: 1 } };
    const made = shareLink(project, PAGE);
    expect(made.ok).toBe(false);
    expect(!made.ok && made.error).toMatch(
      /^its link would be [\d,]+ characters long, more than the 8,000 .* share its file instead$/,
    );
  });

  it('says nothing of a fragment that is not a share link', () => {
    expect(readShareFragment('')).toBeUndefined();
    expect(readShareFragment('#section-2')).toBeUndefined();
  });

  it('refuses a link cut short, changed or not base64url', () => {
    const hash = hashOf(linkOf(lesson('mlp')));
    const cut = 'it is cut short or changed. Copy the whole link again';
    for (const bad of [
      SHARE_PREFIX,
      hash.slice(0, hash.length - 40),
      hash.slice(0, SHARE_PREFIX.length + 5),
      `${hash.slice(0, 40)}!!${hash.slice(42)}`,
      `${SHARE_PREFIX}not base64 at all`,
      crafted('{"format": "layerboard/project", '),
      crafted(new Uint8Array([0xff, 0xfe, 0x7b])),
    ]) {
      expect(readShareFragment(bad), bad).toEqual({ ok: false, error: cut });
    }
  });

  it('refuses a project the schema refuses, naming the field', () => {
    const project = { ...lesson('mlp'), training: { ...lesson('mlp').training, batchSize: -1 } };
    expect(readShareFragment(crafted(JSON.stringify(project)))).toEqual({
      ok: false,
      error:
        'the project in it is not valid: training.batchSize: Batch size must be a whole number from 1 to 1,000,000',
    });
    expect(readShareFragment(crafted('[1, 2, 3]'))).toEqual({
      ok: false,
      error: 'the project in it is not valid: a project file must hold a JSON object',
    });
  });

  it('refuses a link longer than any it writes before unpacking it', () => {
    const payload = 'A'.repeat(MAX_LINK_CHARS + 1);
    expect(readShareFragment(`${SHARE_PREFIX}${payload}`)).toEqual({
      ok: false,
      error: 'it is 8,001 characters long, longer than any share link Layerboard writes',
    });
  });

  it('stops a decompression bomb at its limit', () => {
    // 4 MiB of spaces pack into about 4 KB: a link of that size, four times past the limit.
    const bomb = crafted(new Uint8Array(MAX_PROJECT_BYTES * 4).fill(32));
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(readShareFragment(bomb)).toEqual({
      ok: false,
      error: 'it unpacks to more than 1,048,576 bytes, more than a shared project holds',
    });
  });
});
