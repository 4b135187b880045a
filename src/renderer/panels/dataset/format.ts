const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 4,
});
/** From here on a number is written short (`1.2M`): it must fit a narrow statistics cell. */
const LARGE = 999_950;

/** A statistic to four significant digits (`84.4`, `0.2861`, `47.04M`); a dash for none. */
export function formatStat(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return (Math.abs(value) >= LARGE ? compact : significant).format(value);
}

/** A count with thousands separators: `60,000`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A count exact up to a million, then short (`47.04M`), for a narrow statistics cell. */
export function formatCountShort(count: number): string {
  return count >= LARGE ? compact.format(count) : formatCount(count);
}

/** Bytes as people read them: `812 KB`, `26.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A sentence ends with a full stop: the engine's messages end on what to do, without one. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The first `most` names joined by commas, the rest counted: `a, b, c and 4 more`. */
export function listedShort(names: readonly string[], most: number): string {
  const shown = names.slice(0, most).join(', ');
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}
