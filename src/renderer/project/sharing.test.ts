import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../shared/project';
import { createGraphStore } from '../stores/graphStore';
import { createProjectStore } from '../stores/projectStore';
import { createUiStore } from '../stores/uiStore';
import { TEMPLATES } from '../templates';
import { currentProject, hasUnsavedChanges, workText } from './projectDocument';
import { shareLink } from './shareLink';
import { copyShareLink, openSharedLink, type SharePage } from './sharing';

const [linear, lineFit] = TEMPLATES.map((t) => structuredClone(t.project));

function stores(project: Project = linear!) {
  const s = { graph: createGraphStore(project.graph), project: createProjectStore(project) };
  s.project.getState().markSaved(workText(s));
  return s;
}

const ui = () => createUiStore({ later: () => {} });
const noticesOf = (u: ReturnType<typeof ui>) => u.getState().notices.map((n) => [n.tone, n.text]);

/** A page at `hash`, whose address bar records what replaceState leaves in it. */
function page(hash: string): SharePage & { address: () => string } {
  const location = { hash, pathname: '/app/', search: '?lang=en' };
  return {
    location,
    history: {
      state: null,
      replaceState: (_state, _title, url) => {
        location.hash = '';
        location.pathname = String(url);
        location.search = '';
      },
    },
    address: () => `${location.pathname}${location.search}${location.hash}`,
  };
}

function hashOf(project: Project): string {
  const made = shareLink(project, 'https://example.org/app/');
  if (!made.ok) throw new Error(made.error);
  return made.link.slice(made.link.indexOf('#'));
}

afterEach(() => vi.unstubAllGlobals());

describe('opening a share link', () => {
  it('opens the linked project, saved as it came, and takes the link out of the address', () => {
    const s = stores();
    const u = ui();
    const shared = { ...lineFit!, name: 'Class 3: a line' };
    const at = page(hashOf(shared));
    openSharedLink(s, u, at);
    expect(currentProject(s)).toEqual(shared);
    expect(s.project.getState().file).toBeUndefined();
    expect(hasUnsavedChanges(s)).toBe(false);
    expect(at.address()).toBe('/app/?lang=en');
    expect(noticesOf(u)).toEqual([['info', 'Opened "Class 3: a line" from a shared link.']]);
  });

  it('does nothing without a share link', () => {
    const s = stores();
    const u = ui();
    const at = page('#results');
    openSharedLink(s, u, at);
    expect(currentProject(s)).toEqual(linear);
    expect(at.address()).toBe('/app/?lang=en#results');
    expect(noticesOf(u)).toEqual([]);
  });

  it('refuses a bad link with the reason, the open project untouched', () => {
    const s = stores();
    s.project.getState().setName('My work');
    const u = ui();
    const at = page('#project=abc');
    openSharedLink(s, u, at);
    expect(s.project.getState().name).toBe('My work');
    expect(at.address()).toBe('/app/?lang=en');
    expect(noticesOf(u)).toEqual([
      [
        'error',
        'Could not open the shared link: it is cut short or changed. Copy the whole link again. Your open project is unchanged.',
      ],
    ]);
  });

  it('asks before replacing unsaved work, and keeps it when told to', () => {
    const s = stores();
    s.project.getState().setName('My work');
    const u = ui();
    const confirm = vi.fn(() => false);
    vi.stubGlobal('window', { confirm });
    openSharedLink(s, u, page(hashOf(lineFit!)));
    expect(confirm).toHaveBeenCalledOnce();
    expect(s.project.getState().name).toBe('My work');
    expect(noticesOf(u)).toEqual([
      [
        'info',
        'Kept "My work" open; "Line fit: population and profit" from the link was not opened. Open the link again to open it.',
      ],
    ]);
  });

  it("says that an imported dataset's file is not in the link, and shows the Dataset tab", () => {
    const s = stores();
    const u = ui();
    u.getState().showTab('Training');
    const shared: Project = {
      ...lineFit!,
      dataset: { source: 'idx', images: 'imgs.gz', labels: 'labels.gz' },
    };
    openSharedLink(s, u, page(hashOf(shared)));
    expect(s.project.getState().dataset).toEqual(shared.dataset);
    expect(u.getState().sideTab).toBe('Dataset');
    expect(noticesOf(u)).toEqual([
      [
        'info',
        'Opened "Line fit: population and profit" from a shared link. Its data, imgs.gz and labels.gz, is not in the link: the Dataset tab says where it comes from.',
      ],
    ]);
  });
});

describe('copying a share link', () => {
  const href = 'https://example.org/app/#project=old';

  it('copies the link and says what it holds', async () => {
    const s = stores();
    const u = ui();
    const writeText = vi.fn(async (_text: string) => {});
    await copyShareLink(s, u, { href, clipboard: { writeText } });
    const link = writeText.mock.calls[0]?.[0] ?? '';
    expect(link.startsWith('https://example.org/app/#project=')).toBe(true);
    expect(noticesOf(u)).toEqual([
      [
        'info',
        `Copied a link that opens "Linear regression: crop yields" as it is now (${link.length} characters).`,
      ],
    ]);
  });

  it('shows the link to copy by hand where the clipboard refuses', async () => {
    const u = ui();
    const writeText = vi.fn(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    await copyShareLink(stores(), u, { href, clipboard: { writeText } });
    expect(u.getState().dialog).toBe('share-link');
    const bare = ui();
    await copyShareLink(stores(), bare, { href, clipboard: undefined });
    expect(bare.getState().dialog).toBe('share-link');
  });

  it("names the data a link leaves out, and the seed when weights don't fit", async () => {
    const weights = {
      fc1: {
        weight: Array.from({ length: 64 }, (_, r) =>
          Array.from({ length: 784 }, (_, c) => Math.sin(r * 784 + c)),
        ),
        bias: Array.from({ length: 64 }, (_, r) => Math.cos(r)),
      },
    };
    const project: Project = {
      ...linear!,
      weights,
      dataset: {
        source: 'csv',
        path: 'farms.csv',
        features: ['a'],
        targets: ['b'],
        task: 'regression',
      },
    };
    const u = ui();
    await copyShareLink(stores(project), u, { href, clipboard: { writeText: async () => {} } });
    const [[tone, text]] = noticesOf(u) as [[string, string]];
    expect(tone).toBe('info');
    expect(text).toMatch(
      /^Copied a link that opens "Linear regression: crop yields" as it is now \([\d,]+ characters\)\. Its initial weights are too long for a link and left out: it starts from the weights of seed 1\. Its data, farms\.csv, is not in the link: each person opening it imports their own copy\.$/,
    );
  });

  it('refuses a project too long for a link, with the reason', async () => {
    let state = 7;
    const noise = Array.from({ length: 10_000 }, () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return String.fromCharCode(33 + (state % 89));
    }).join('');
    const project: Project = {
      ...linear!,
      assignment: { title: 'Long', instructions: noise, goal: { metric: 'loss', atMost: 1 } },
    };
    const u = ui();
    const writeText = vi.fn(async () => {});
    await copyShareLink(stores(project), u, { href, clipboard: { writeText } });
    expect(writeText).not.toHaveBeenCalled();
    const [[tone, text]] = noticesOf(u) as [[string, string]];
    expect(tone).toBe('error');
    expect(text).toMatch(
      /^There is no share link for "Linear regression: crop yields": its link would be /,
    );
  });
});
