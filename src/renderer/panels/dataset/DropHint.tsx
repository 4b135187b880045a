import { useEffect, useState } from 'react';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * While files are dragged over the window, says what dropping them does. The drop itself is
 * handled by the window's file-drop listener (platform/fileDrops.ts), which sends CSV and IDX
 * files and image folders to the Import dataset command and projects to Open.
 */
export function DropHint() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    // dragenter and dragleave fire for every child crossed: count them to know when it leaves.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setOver(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = () => {
      depth = 0;
      setOver(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-hint" aria-hidden="true">
      <p>
        Drop a CSV or IDX file, or a folder or .zip of images, to import it; or a project file to
        open it
      </p>
    </div>
  );
}
