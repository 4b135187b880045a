import { useEffect, useId, useRef, useState } from 'react';
import { nodeDefinition } from '../../engine';
import { graphStore, uiStore, useGraph, useUi } from '../stores/appStores';

/**
 * Edit > Connect layers: the keyboard's way to draw a wire. Pick the layer the wire leaves and
 * the one it enters from two lists (each layer by kind and id), then Connect. It opens with, as
 * the target, a layer that has no input yet, and as the source the selected layer (or another).
 */
export function ConnectDialog() {
  const open = useUi((s) => s.dialog === 'connect');
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const ref = useRef<HTMLDialogElement>(null);
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const fromId = useId();
  const toId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      const { nodes: all, edges: wires } = graphStore.getState();
      const selected = all.find((n) => n.selected);
      const unwired = all.find(
        (n) =>
          n.data.kind !== 'input' && n.id !== selected?.id && !wires.some((e) => e.target === n.id),
      );
      const target = unwired ?? all.find((n) => n.data.kind !== 'input');
      // Never open on a layer feeding itself: then the wire comes from another node.
      const source =
        selected && selected.id !== target?.id ? selected : all.find((n) => n.id !== target?.id);
      setSource(source?.id ?? '');
      setTarget(target?.id ?? '');
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const close = () => uiStore.getState().openDialog(undefined);
  const name = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    return node ? `${nodeDefinition(node.data.kind).label} ${id}` : id;
  };
  const exists = edges.some((e) => e.source === source && e.target === target);
  const problem =
    source === target
      ? 'A layer cannot feed itself: choose two different layers.'
      : exists
        ? `${name(source)} already feeds ${name(target)}.`
        : undefined;

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="connect-title" onClose={close}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (problem) return;
          graphStore.getState().connect({ source, target, sourceHandle: null, targetHandle: null });
          uiStore.getState().notify('info', `Connected ${name(source)} to ${name(target)}`);
          close();
        }}
      >
        <h2 id="connect-title">Connect layers</h2>
        <p className="dialog-lead">
          A wire carries one layer's output into the next layer. A layer takes one input: a new wire
          into it replaces the one it had.
        </p>
        <div className="field">
          <label htmlFor={fromId}>From (its output)</label>
          <select id={fromId} value={source} onChange={(e) => setSource(e.target.value)}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {name(n.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>To (its input)</label>
          <select id={toId} value={target} onChange={(e) => setTarget(e.target.value)}>
            {nodes
              .filter((n) => n.data.kind !== 'input')
              .map((n) => (
                <option key={n.id} value={n.id}>
                  {name(n.id)}
                </option>
              ))}
          </select>
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={problem !== undefined}>
            Connect
          </button>
        </div>
      </form>
    </dialog>
  );
}
