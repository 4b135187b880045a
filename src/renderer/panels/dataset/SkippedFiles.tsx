import { countOf } from '../../../shared/plural';

/** Files named at most: a folder may hold thousands of stray files. */
const SHOWN_FILES = 100;

/** The files an image folder left out, and why: shown, so that nothing is dropped unseen. */
export function SkippedFiles({ files }: { files: readonly string[] }) {
  return (
    <details className="skipped-files">
      <summary>
        {countOf(files.length, 'file')} left out: not PNG or JPEG images in a class folder
      </summary>
      <ul aria-label="Files left out">
        {files.slice(0, SHOWN_FILES).map((file) => (
          <li key={file}>{file}</li>
        ))}
      </ul>
      {files.length > SHOWN_FILES && <p>and {files.length - SHOWN_FILES} more</p>}
    </details>
  );
}
