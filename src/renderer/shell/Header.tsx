import { useProject } from '../stores/appStores';

export function Header() {
  const name = useProject((s) => s.name);
  return (
    <header className="app-header">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▦
        </span>
        Layerboard
      </span>
      <h1 className="project-name">{name}</h1>
    </header>
  );
}
