import { useEngine } from '../stores/appStores';
import { describeAdapter } from '../stores/engineStore';

/** The bottom bar: where training runs (the WebGPU adapter, or the CPU and why). */
export function StatusBar() {
  const adapter = useEngine((s) => s.adapter);
  const tone =
    adapter.state === 'checking'
      ? 'pending'
      : adapter.state === 'ready' && adapter.adapter.backend === 'webgpu'
        ? 'good'
        : 'warn';
  const reason = adapter.state === 'ready' ? adapter.adapter.reason : undefined;
  return (
    <footer className="status-bar">
      <span className={`status-dot status-${tone}`} aria-hidden="true" />
      <span role="status" aria-label="Training device" title={reason}>
        {describeAdapter(adapter)}
      </span>
    </footer>
  );
}
