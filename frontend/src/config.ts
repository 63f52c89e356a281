/**
 * Client-side defaults: used only when the server does not publish its limits (GET /api/v1/limits).
 * They mirror the server's documented defaults (README, "Limits"), so the page's checks match what the
 * server will accept; the server stays the authority and its problem body is shown if it disagrees.
 */
export interface Limits {
  /** Largest upload in bytes (all files of one request together). */
  maxUploadBytes: number;
  /** Longest video in seconds. */
  maxVideoSeconds: number;
  /** Largest width or height in pixels. */
  maxSidePixels: number;
  /** Most frames the server samples from one upload. */
  maxFrames: number;
  /** Most photos in one upload. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxUploadBytes: 200 * 1024 * 1024,
  maxVideoSeconds: 10 * 60,
  maxSidePixels: 4096,
  maxFrames: 64,
  maxFiles: 32,
});

/** Accepted photo formats: what the server decodes (issue 2). Matched by MIME type or file extension. */
export const IMAGE_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
});

/** Accepted video containers. */
export const VIDEO_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov'],
  'video/webm': ['webm'],
  'video/x-matroska': ['mkv'],
});

/** How often the page polls a job when Server-Sent Events are unavailable. */
export const POLL_INTERVAL_MS = 1000;

/** Where the docs live: both are served by the application itself. */
export const LINKS = Object.freeze({
  swaggerUi: '/swagger-ui.html',
  apiTour: '/api-tour.html',
});
