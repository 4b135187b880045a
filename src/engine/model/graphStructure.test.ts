import { describe, expect, it } from 'vitest';
import type { Graph } from '../../shared/project';
import { analyseStructure } from './graphStructure';

/** Input, then `count` ReLUs wired one after another. */
function longChain(count: number): Graph {
  const ids = ['in', ...Array.from({ length: count }, (_, i) => `r${i}`)];
  return {
    nodes: ids.map((id, i) => ({
      id,
      kind: i === 0 ? 'input' : 'relu',
      position: { x: 0, y: 0 },
    })),
    edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id })),
  };
}

describe('analyseStructure', () => {
  it('walks a chain of 100,000 nodes without running out of stack', () => {
    const structure = analyseStructure(longChain(100_000));
    expect(structure.problems).toEqual([]);
    expect(structure.chain).toHaveLength(100_001);
    expect(structure.reachable).toHaveLength(100_001);
  });

  it('finds a cycle of 10,000 nodes, reported on each of them', () => {
    const graph = longChain(10_000);
    graph.edges.push({ source: 'r9999', target: 'r0' });
    const cycle = analyseStructure(graph).problems.filter((p) => p.message.includes('cycle'));
    expect(cycle).toHaveLength(10_000);
    expect(cycle[0]?.message).toContain('r0 -> r1 -> r2');
  });

  it('finds every cycle of a small graph, as the recursive search did', () => {
    const graph = longChain(4);
    graph.edges.push({ source: 'r1', target: 'r0' }, { source: 'r3', target: 'r2' });
    const texts = analyseStructure(graph)
      .problems.filter((p) => p.message.includes('cycle'))
      .map((p) => /\(([^)]*)\)/.exec(p.message)?.[1]);
    expect([...new Set(texts)]).toEqual(['r2 -> r3 -> r2', 'r0 -> r1 -> r0']);
  });
});
