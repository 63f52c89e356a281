/**
 * Client-side checks before anything is sent, so a person learns at once that a file will be refused.
 * They mirror the server's rules (issue 2: images or one video, size, count, resolution, duration); the
 * server re-checks everything by content, so these only need to be right for honest files.
 */
import { IMAGE_TYPES, VIDEO_TYPES, type Limits } from './config';
import { formatBytes, formatLimitDuration } from './format';

/** The parts of a File the checks read (a File satisfies it; tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

export type FileKind = 'image' | 'video' | 'unsupported';

/** What the upload is for: the subject (photos or one video) or a driving video (exactly one video). */
export type Purpose = 'subject' | 'driver';

export interface SelectionCheck {
  ok: boolean;
  /** What the accepted selection is: several images or one video; null when nothing valid. */
  kind: 'images' | 'video' | null;
  totalBytes: number;
  /** Problems with the selection as a whole, or with named files. Each is a full sentence. */
  errors: string[];
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function matches(types: Readonly<Record<string, readonly string[]>>, file: FileLike): boolean {
  const mime = file.type.toLowerCase();
  if (mime && Object.prototype.hasOwnProperty.call(types, mime)) return true;
  // Browsers leave type empty for some containers (.mkv): fall back to the extension.
  const ext = extensionOf(file.name);
  return ext !== '' && Object.values(types).some((exts) => exts.includes(ext));
}

/** Classifies a file by its declared type or extension. */
export function kindOf(file: FileLike): FileKind {
  if (matches(IMAGE_TYPES, file)) return 'image';
  if (matches(VIDEO_TYPES, file)) return 'video';
  return 'unsupported';
}

/** The `accept` attribute for a file input. */
export function acceptAttribute(purpose: Purpose): string {
  const video = Object.entries(VIDEO_TYPES).flatMap(([mime, exts]) => [mime, ...exts.map((e) => `.${e}`)]);
  if (purpose === 'driver') return video.join(',');
  const image = Object.entries(IMAGE_TYPES).flatMap(([mime, exts]) => [mime, ...exts.map((e) => `.${e}`)]);
  return [...image, ...video].join(',');
}

/** Checks a selection against the limits. Order of errors: per-file first, then the selection's. */
export function checkSelection(files: readonly FileLike[], limits: Limits, purpose: Purpose): SelectionCheck {
  const errors: string[] = [];
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  if (files.length === 0) {
    return {
      ok: false,
      kind: null,
      totalBytes,
      errors: [purpose === 'driver' ? 'Choose a driving video.' : 'Choose one or more photos, or one video.'],
    };
  }

  let images = 0;
  let videos = 0;
  for (const file of files) {
    const kind = kindOf(file);
    if (kind === 'unsupported') {
      errors.push(
        purpose === 'driver'
          ? `“${file.name}” is not a supported video (MP4, MOV, WebM or MKV).`
          : `“${file.name}” is not a supported photo or video (JPEG, PNG, WebP; MP4, MOV, WebM, MKV).`,
      );
    } else if (file.size === 0) {
      errors.push(`“${file.name}” is empty.`);
    }
    if (kind === 'image') images++;
    if (kind === 'video') videos++;
  }

  if (purpose === 'driver') {
    if (images > 0) errors.push('The driving clip must be a video, not a photo.');
    if (files.length > 1) errors.push('Choose exactly one driving video.');
  } else {
    if (images > 0 && videos > 0) errors.push('Send either photos or one video, not both.');
    if (videos > 1) errors.push('Send one video at a time.');
    if (images > limits.maxFiles) errors.push(`At most ${limits.maxFiles} photos per upload (you chose ${images}).`);
  }
  if (totalBytes > limits.maxUploadBytes) {
    errors.push(`The upload is ${formatBytes(totalBytes)}; the limit is ${formatBytes(limits.maxUploadBytes)}.`);
  }

  const ok = errors.length === 0;
  const kind = !ok ? null : videos === 1 ? 'video' : 'images';
  return { ok, kind, totalBytes, errors };
}

/** Checks a photo's or video's pixel size once the browser has read it. Returns an error sentence or null. */
export function checkDimensions(name: string, width: number, height: number, limits: Limits): string | null {
  const side = Math.max(width, height);
  if (side > limits.maxSidePixels) {
    return `“${name}” is ${width}×${height} pixels; the limit is ${limits.maxSidePixels} pixels a side.`;
  }
  return null;
}

/** Checks a video's length once the browser has read its metadata. Returns an error sentence or null. */
export function checkDuration(name: string, seconds: number, limits: Limits): string | null {
  if (Number.isFinite(seconds) && seconds > limits.maxVideoSeconds) {
    return `“${name}” is ${formatLimitDuration(seconds)} long; the limit is ${formatLimitDuration(limits.maxVideoSeconds)}.`;
  }
  return null;
}

/** One line about the limits, shown beside the picker. */
export function limitsSummary(limits: Limits, purpose: Purpose): string {
  const common = `up to ${formatBytes(limits.maxUploadBytes)}, ${limits.maxSidePixels} px a side`;
  if (purpose === 'driver') return `One video (MP4, MOV, WebM, MKV), ${common}, at most ${formatLimitDuration(limits.maxVideoSeconds)}.`;
  return `Up to ${limits.maxFiles} photos (JPEG, PNG, WebP) or one video of at most ${formatLimitDuration(limits.maxVideoSeconds)}; ${common}.`;
}
