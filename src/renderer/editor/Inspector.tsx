import { batchShapeText, NODE_DEFINITIONS, paramValue } from '../../engine';
import { NumberField } from '../panels/fields';
import { graphStore, useCompiled, useGraph } from '../stores/appStores';

/** The selected node's settings, as labelled inputs checked as they are typed. */
export function Inspector() {
  const node = useGraph((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0] : undefined;
  });
  const locked = useGraph((s) => s.locked);
  const shape = useCompiled((s) => (node ? s.result.shapes[node.id] : undefined));
  if (!node) return null;
  const def = NODE_DEFINITIONS[node.data.kind];
  return (
    <section
      className="inspector"
      aria-label="Inspector"
      // Locked, its fields are disabled and it may still scroll: it takes the focus itself.
      tabIndex={locked === undefined ? undefined : 0}
    >
      <h2>
        {def.label} <span className="inspector-id">{node.id}</span>
      </h2>
      <p className="inspector-explanation">{def.explanation}</p>
      {def.params.map((d) => (
        <NumberField
          key={`${node.id}-${d.key}`}
          label={d.label}
          value={paramValue(def.params, node.data.params, d)}
          limits={d}
          problemName={`${d.label} of ${node.id}`}
          hint={locked ?? d.help}
          disabled={locked !== undefined}
          onCommit={(value) => graphStore.getState().updateParams(node.id, { [d.key]: value })}
        />
      ))}
      {shape && (
        <p className="inspector-shape">
          Output: <code>{batchShapeText(shape)}</code>
        </p>
      )}
    </section>
  );
}
