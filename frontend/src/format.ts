/** Formatting of sizes, durations, fractions and job stages for display. Pure functions. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB"; binary multiples, as the server's limits are binary (200 MB = 200 × 2^20 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const shown = value.toFixed(digits).replace(/\.0$/, '');
  return `${shown} ${UNITS[unit]}`;
}

/** Seconds → "m:ss" (or "h:mm:ss"); 600 → "10:00". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Limits in words: 600 s → "10 min", 90 s → "1 min 30 s". */
export function formatLimitDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/**
 * A share as a whole percentage. Accepts a fraction (0–1) or a percentage (0–100) as servers differ:
 * values ≤ 1 are fractions. Returns "–" for missing values.
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const pct = value <= 1 ? value * 100 : value;
  return `${Math.round(Math.min(Math.max(pct, 0), 100))}%`;
}

/** Job status words as a person reads them. */
export function statusLabel(status: string | undefined): string {
  switch (status) {
    case 'QUEUED':
      return 'Waiting in line';
    case 'RUNNING':
      return 'Working';
    case 'SUCCEEDED':
      return 'Done';
    case 'FAILED':
      return 'Failed';
    case 'CANCELLED':
      return 'Cancelled';
    default:
      return 'Starting';
  }
}

/** "Extracting frames · 40%": the stage text the server sends, with progress, for the live region. */
export function progressText(job: { status?: string; stage?: string | null; progress?: number | null }): string {
  const label = job.stage && job.status === 'RUNNING' ? capitalise(job.stage) : statusLabel(job.status);
  if (job.status === 'RUNNING' && typeof job.progress === 'number') return `${label} · ${Math.round(job.progress)}%`;
  return label;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/** ISO timestamp → short local date and time; "–" when missing or unparsable. */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
