/**
 * Every call the page makes to the REST API, and the response types it relies on, in one place: when the
 * server's field names change, only this module changes. Responses are normalised here (tolerant of
 * `id` vs `mediaId`, nested `job` objects, fractions vs percentages) so views see one stable shape.
 */
import { DEFAULT_LIMITS, type Limits } from './config';
import { ApiError, parseProblem } from './problem';

export const API_BASE = '/api/v1';

/** Multipart field names the server reads. */
export const FIELDS = Object.freeze({
  files: 'file',
  mediaIds: 'mediaIds',
  consent: 'consent',
  driver: 'file',
});

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface JobView {
  id: string;
  type?: string;
  status: JobStatus;
  /** 0–100. */
  progress: number;
  stage?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** Id of what the job made or worked on (media, avatar, animation), where the server says. */
  resourceId?: string | null;
}

export interface FrameView {
  index: number;
  /** The frame's PNG: the URL from the media body (signed in keys mode). */
  url: string;
  /** The frame with the face-tracking overlay, where the server lists one. */
  overlayUrl?: string;
}

export interface MediaView {
  id: string;
  kind?: string;
  status?: string;
  width?: number;
  height?: number;
  durationSeconds?: number | null;
  fps?: number | null;
  frameCount?: number;
  frames: FrameView[];
  /** Contact sheet JPEG; null until ingestion succeeded. */
  previewUrl: string | null;
  errorMessage?: string | null;
}

/** Who agreed to the avatar (issue 9): the subject, or the caller is the subject. */
export type ConsentBasis = 'SUBJECT_AGREED' | 'CALLER_IS_SUBJECT';

export interface AvatarSummary {
  id: string;
  name?: string | null;
  /** BUILDING, READY or FAILED. */
  status?: string;
  createdAt?: string | null;
  textureCoverage?: number | null;
  framesUsed?: number | null;
  /** From the body (signed in keys mode); null until the avatar is built. */
  previewUrl: string | null;
}

export interface AvatarView extends AvatarSummary {
  poseCoverage?: number | null;
  modelPack?: string | null;
  suggestions: string[];
  mediaIds: string[];
  orbitUrl: string | null;
  jobId?: string | null;
  version?: number | null;
  consentBasis?: string | null;
  errorMessage?: string | null;
}

export interface AnimationView {
  id: string;
  avatarId?: string | null;
  /** RENDERING, READY or FAILED. */
  status?: string;
  durationSeconds?: number | null;
  fps?: number | null;
  frameCount?: number | null;
  /** From the body (signed in keys mode); null until rendered. */
  videoUrl: string | null;
  jobId?: string | null;
  createdAt?: string | null;
  errorMessage?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** What a POST that starts work returns: the new resource and the job doing the work. */
export interface Accepted {
  id: string;
  jobId: string;
}

export interface RenderParams {
  yaw: number;
  pitch: number;
  roll: number;
  jawOpen: number;
  smile: number;
}

type Json = Record<string, unknown>;

// ---- settings: optional API key (issue 9 "keys" mode); local mode needs none ----

const KEY_STORAGE = 'invertavatar.apiKey';

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lives for this call only.
  }
}

/**
 * Tries a key with one cheap call before storing it, so a mistyped key fails once here instead of on every
 * request of the page (a keys-mode server throttles an address after repeated failures). Resolves with null
 * when the key works (or the server cannot tell: no limits endpoint), else with the server's message.
 */
export async function checkApiKey(key: string): Promise<string | null> {
  try {
    const response = await fetch(`${API_BASE}/limits`, { headers: { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${key}` } });
    if (response.status !== 401 && response.status !== 403 && response.status !== 429) return null;
    return (await failure(response)).message;
  } catch {
    return null; // the network failed, not the key: keep it and let the next call tell
  }
}

function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

// ---- low-level helpers ----

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** First present string among candidate fields, looking into nested objects named by dotted paths. */
function pick(body: Json, ...paths: string[]): string | undefined {
  for (const path of paths) {
    let cur: unknown = body;
    for (const part of path.split('.')) cur = obj(cur)?.[part];
    const s = str(cur);
    if (s !== undefined) return s;
  }
  return undefined;
}

function pickNum(body: Json, ...paths: string[]): number | undefined {
  for (const path of paths) {
    let cur: unknown = body;
    for (const part of path.split('.')) cur = obj(cur)?.[part];
    const n = num(cur);
    if (n !== undefined) return n;
  }
  return undefined;
}

async function failure(response: Response): Promise<ApiError> {
  const body = await response.text().catch(() => '');
  return new ApiError(parseProblem(response.status, response.headers.get('content-type'), body));
}

async function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, {
    ...init,
    method,
    headers: { Accept: 'application/json, application/problem+json', ...authHeaders(), ...(init.headers ?? {}) },
  });
  if (!response.ok) throw await failure(response);
  return response;
}

async function getJson(path: string): Promise<Json> {
  const response = await request('GET', path);
  return (await response.json()) as Json;
}

function withQuery(url: string, params: Record<string, string | number>): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/** A download URL as the server gave it (signed in keys mode, issue 9): the page never builds these. */
function link(body: Json, ...fields: string[]): string | null {
  return pick(body, ...fields, ...fields.map((f) => `links.${f}`), ...fields.map((f) => `_links.${f}.href`)) ?? null;
}

// ---- uploads with progress (fetch has no upload progress; XHR does) ----

export interface UploadOptions {
  onProgress?: (loaded: number, total: number) => void;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** POSTs a multipart form with upload progress. Resolves with the JSON body; rejects with ApiError. */
export function postMultipart(path: string, form: FormData, options: UploadOptions = {}): Promise<Json> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    if (options.idempotencyKey) xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(xhr.responseText ? (JSON.parse(xhr.responseText) as Json) : {});
        } catch {
          resolve({});
        }
      } else {
        reject(new ApiError(parseProblem(xhr.status, xhr.getResponseHeader('content-type'), xhr.responseText)));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(parseProblem(0, null, ''))));
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** A fresh idempotency key per user action, so a retried click does not start a second job. */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Reads {id, jobId} from a 202 body, whatever the resource's id field is called. */
export function acceptedFrom(body: Json, idFields: string[]): Accepted {
  const id = pick(body, ...idFields, 'id');
  const jobId = pick(body, 'jobId', 'job.id');
  if (!id || !jobId) throw new ApiError(parseProblem(502, null, '{"detail":"The server\'s answer was incomplete: no job was started."}'));
  return { id, jobId };
}

// ---- limits ----

/** The server's limits (GET /api/v1/limits), or the documented defaults when it publishes none. */
export async function getLimits(): Promise<Limits> {
  try {
    const body = await getJson(`${API_BASE}/limits`);
    return normaliseLimits(body);
  } catch {
    return DEFAULT_LIMITS;
  }
}

export function normaliseLimits(body: Json): Limits {
  const mb = pickNum(body, 'maxUploadMegabytes', 'maxUploadMb');
  return {
    maxUploadBytes:
      pickNum(body, 'maxUploadBytes', 'uploadBytes', 'maxUploadSize') ?? (mb !== undefined ? mb * 1024 * 1024 : DEFAULT_LIMITS.maxUploadBytes),
    maxVideoSeconds: pickNum(body, 'maxVideoSeconds', 'maxDurationSeconds', 'durationSeconds') ?? DEFAULT_LIMITS.maxVideoSeconds,
    maxSidePixels: pickNum(body, 'maxSidePixels', 'maxResolution', 'maxSide') ?? DEFAULT_LIMITS.maxSidePixels,
    maxFrames: pickNum(body, 'maxFrames', 'frameCount') ?? DEFAULT_LIMITS.maxFrames,
    maxFiles: pickNum(body, 'maxFiles', 'maxPhotos') ?? DEFAULT_LIMITS.maxFiles,
  };
}

// ---- media (issue 2) ----

export async function uploadMedia(files: readonly File[], options: UploadOptions = {}): Promise<Accepted> {
  const form = new FormData();
  for (const file of files) form.append(FIELDS.files, file, file.name);
  const body = await postMultipart(`${API_BASE}/media`, form, options);
  return acceptedFrom(body, ['mediaId', 'media.id']);
}

export function normaliseMedia(body: Json): MediaView {
  const id = pick(body, 'id', 'mediaId') ?? '';
  const framesRaw = Array.isArray(body.frames) ? body.frames : [];
  const frames: FrameView[] = framesRaw
    .map((f, i) => {
      const index = typeof f === 'number' ? f : (pickNum(obj(f) ?? {}, 'n', 'index', 'number') ?? i);
      const frame: FrameView = { index, url: (obj(f) && pick(obj(f) as Json, 'url', 'href')) || mediaFrameUrl(id, index) };
      const overlay = obj(f) && pick(obj(f) as Json, 'overlayUrl', 'overlay');
      if (overlay) frame.overlayUrl = overlay;
      return frame;
    })
    .sort((a, b) => a.index - b.index);
  const probe = obj(body.probe) ?? body;
  const status = pick(body, 'status');
  return {
    id,
    kind: pick(body, 'kind', 'probe.kind'),
    status,
    width: pickNum(probe, 'width'),
    height: pickNum(probe, 'height'),
    durationSeconds: pickNum(probe, 'durationSeconds', 'duration') ?? null,
    fps: pickNum(probe, 'fps', 'frameRate') ?? null,
    frameCount: pickNum(body, 'frameCount', 'probe.frameCount') ?? frames.length,
    frames,
    previewUrl: pick(body, 'preview', 'previewUrl', 'links.preview') ?? (status === 'SUCCEEDED' || status === undefined ? mediaPreviewUrl(id) : null),
    errorMessage: pick(body, 'errorMessage') ?? null,
  };
}

export async function getMedia(id: string): Promise<MediaView> {
  return normaliseMedia(await getJson(`${API_BASE}/media/${encodeURIComponent(id)}`));
}

// Fallbacks for bodies without the URL (older servers); the server's URLs are always preferred.
export const mediaPreviewUrl = (id: string) => `${API_BASE}/media/${encodeURIComponent(id)}/preview`;
export const mediaFrameUrl = (id: string, n: number) => `${API_BASE}/media/${encodeURIComponent(id)}/frames/${n}`;
export const mediaOverlayUrl = (id: string, n: number) => `${API_BASE}/media/${encodeURIComponent(id)}/frames/${n}/overlay`;

/** Per frame of a media item: whether a face was tracked and the overlay URL the server gave, if any. */
export interface FrameTracking {
  index: number;
  hasFace: boolean;
  overlayUrl?: string;
}

/**
 * The tracking API's per-frame results (GET /media/{id}/tracking). Empty when the media has no tracking
 * (no face in any frame: 422 NO_FACE; not tracked: 404): the page then shows plain frames.
 */
export async function getTracking(mediaId: string): Promise<FrameTracking[]> {
  let body: Json;
  try {
    body = await getJson(`${API_BASE}/media/${encodeURIComponent(mediaId)}/tracking`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 422)) return [];
    throw e;
  }
  return normaliseTracking(body);
}

export function normaliseTracking(body: Json): FrameTracking[] {
  const frames = Array.isArray(body.frames) ? body.frames : [];
  return frames.map((f, i) => {
    const o = obj(f) ?? {};
    const t: FrameTracking = { index: pickNum(o, 'frame', 'n', 'index') ?? i, hasFace: o.hasFace !== false };
    const overlay = pick(o, 'overlayUrl', 'overlay', 'links.overlay');
    if (overlay) t.overlayUrl = overlay;
    return t;
  });
}

/** The overlay of a frame: the tracking body's URL, else the media body's, else the frame URL's sibling path. */
export function overlayUrlOf(frame: FrameView, tracking?: FrameTracking): string {
  return tracking?.overlayUrl ?? frame.overlayUrl ?? `${frame.url.split('?')[0]}/overlay`;
}

// ---- jobs ----

const STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** A job as the page sees it, from a GET body or an SSE event payload (which may carry only some fields). */
export function normaliseJob(body: Json, fallbackId = ''): Partial<JobView> & { id: string } {
  const statusRaw = pick(body, 'status', 'state')?.toUpperCase();
  const status = STATUSES.find((s) => s === statusRaw);
  const progress = pickNum(body, 'progress', 'percent');
  const job: Partial<JobView> & { id: string } = { id: pick(body, 'id', 'jobId') ?? fallbackId };
  if (status) job.status = status;
  if (progress !== undefined) job.progress = Math.min(Math.max(progress, 0), 100);
  const type = pick(body, 'type');
  if (type) job.type = type;
  if ('stage' in body) job.stage = str(body.stage) ?? null;
  const errorCode = pick(body, 'errorCode', 'error.code');
  if (errorCode) job.errorCode = errorCode;
  const errorMessage = pick(body, 'errorMessage', 'error.message', 'error.detail');
  if (errorMessage) job.errorMessage = errorMessage;
  const resourceId = pick(body, 'resourceId', 'subjectId', 'mediaId', 'avatarId', 'animationId');
  if (resourceId) job.resourceId = resourceId;
  return job;
}

export async function getJob(id: string): Promise<JobView> {
  const job = normaliseJob(await getJson(`${API_BASE}/jobs/${encodeURIComponent(id)}`), id);
  return { status: 'QUEUED', progress: 0, ...job };
}

export const jobEventsUrl = (id: string) => `${API_BASE}/jobs/${encodeURIComponent(id)}/events`;

export async function cancelJob(id: string): Promise<void> {
  await request('POST', `${API_BASE}/jobs/${encodeURIComponent(id)}/cancel`);
}

/** EventSource cannot send an Authorization header: with an API key set, the page polls instead. */
export function canUseEventSource(): boolean {
  return typeof EventSource !== 'undefined' && apiKey() === null;
}

// ---- avatars (issue 4) ----

export function normaliseAvatar(body: Json): AvatarView {
  const id = pick(body, 'id', 'avatarId') ?? '';
  const textureCoverage =
    pickNum(body, 'textureCoverage', 'coverage.texture', 'coverage.textureCoverage') ?? (typeof body.coverage === 'number' ? body.coverage : undefined);
  const suggestionsRaw = Array.isArray(body.suggestions) ? body.suggestions : [];
  const suggestions = suggestionsRaw
    .map((s) => (typeof s === 'string' ? s : pick(obj(s) ?? {}, 'message', 'text', 'view')))
    .filter((s): s is string => typeof s === 'string' && s.length > 0);
  const mediaRaw = Array.isArray(body.sourceMediaIds)
    ? body.sourceMediaIds
    : Array.isArray(body.mediaIds)
      ? body.mediaIds
      : Array.isArray(body.media)
        ? body.media
        : [];
  const mediaIds = mediaRaw
    .map((m) => (typeof m === 'string' ? m : pick(obj(m) ?? {}, 'id', 'mediaId')))
    .filter((m): m is string => typeof m === 'string');
  return {
    id,
    name: pick(body, 'name') ?? null,
    status: pick(body, 'status'),
    createdAt: pick(body, 'createdAt', 'created') ?? null,
    textureCoverage: textureCoverage ?? null,
    poseCoverage: pickNum(body, 'poseCoverage', 'coverage.pose', 'coverage.poseCoverage') ?? null,
    framesUsed: pickNum(body, 'framesUsed', 'frameCount') ?? (Array.isArray(body.framesUsed) ? body.framesUsed.length : null),
    modelPack: pick(body, 'modelPack', 'modelPack.name', 'pack') ?? null,
    suggestions,
    mediaIds,
    previewUrl: link(body, 'previewUrl', 'preview'),
    orbitUrl: link(body, 'orbitUrl', 'orbit'),
    jobId: pick(body, 'jobId', 'job.id') ?? null,
    version: pickNum(body, 'version') ?? null,
    consentBasis: pick(body, 'consent.basis', 'consent') ?? null,
    errorMessage: pick(body, 'errorMessage') ?? null,
  };
}

/** Starts an avatar from already-ingested media. `consent` records who agreed (issue 9; required). */
export async function createAvatar(mediaIds: readonly string[], consent: ConsentBasis, options: UploadOptions & { name?: string } = {}): Promise<Accepted> {
  const form = new FormData();
  for (const id of mediaIds) form.append(FIELDS.mediaIds, id);
  form.append(FIELDS.consent, consent);
  if (options.name?.trim()) form.append('name', options.name.trim());
  const body = await postMultipart(`${API_BASE}/avatars`, form, options);
  return acceptedFrom(body, ['avatarId', 'avatar.id']);
}

/** Adds ingested media to an avatar (incremental reconstruction). Returns the job. */
export async function addAvatarFrames(avatarId: string, mediaIds: readonly string[], options: UploadOptions = {}): Promise<Accepted> {
  const form = new FormData();
  for (const id of mediaIds) form.append(FIELDS.mediaIds, id);
  const body = await postMultipart(`${API_BASE}/avatars/${encodeURIComponent(avatarId)}/frames`, form, options);
  return acceptedFrom({ avatarId, ...body }, ['avatarId']);
}

function itemsOf(body: unknown): unknown[] {
  const o = obj(body) ?? {};
  return Array.isArray(body) ? body : Array.isArray(o.items) ? o.items : Array.isArray(o.content) ? o.content : [];
}

/** One page of the caller's avatars, newest first. */
export async function listAvatars(page = 0, size = 24): Promise<Page<AvatarView>> {
  const body: unknown = await getJson(withQuery(`${API_BASE}/avatars`, { page, size }));
  const items = itemsOf(body).map((item) => normaliseAvatar(obj(item) ?? {}));
  const total = pickNum(obj(body) ?? {}, 'total', 'totalElements') ?? items.length;
  return { items, total };
}

export async function getAvatar(id: string): Promise<AvatarView> {
  return normaliseAvatar(await getJson(`${API_BASE}/avatars/${encodeURIComponent(id)}`));
}

export async function deleteAvatar(id: string): Promise<void> {
  await request('DELETE', `${API_BASE}/avatars/${encodeURIComponent(id)}`);
}

export function avatarRenderUrl(id: string, params: RenderParams): string {
  return withQuery(`${API_BASE}/avatars/${encodeURIComponent(id)}/render`, { ...params });
}

// ---- animations (issue 4) ----

export function normaliseAnimation(body: Json): AnimationView {
  const id = pick(body, 'id', 'animationId') ?? '';
  return {
    id,
    avatarId: pick(body, 'avatarId') ?? null,
    status: pick(body, 'status'),
    durationSeconds: pickNum(body, 'durationSeconds', 'duration') ?? null,
    fps: pickNum(body, 'fps', 'frameRate') ?? null,
    frameCount: pickNum(body, 'frameCount') ?? null,
    videoUrl: link(body, 'videoUrl', 'video'),
    jobId: pick(body, 'jobId', 'job.id') ?? null,
    createdAt: pick(body, 'createdAt') ?? null,
    errorMessage: pick(body, 'errorMessage') ?? null,
  };
}

/** Uploads a driving video and starts the reenactment. */
export async function createAnimation(avatarId: string, driver: File, options: UploadOptions = {}): Promise<Accepted> {
  const form = new FormData();
  form.append(FIELDS.driver, driver, driver.name);
  const body = await postMultipart(`${API_BASE}/avatars/${encodeURIComponent(avatarId)}/animations`, form, options);
  return acceptedFrom(body, ['animationId', 'animation.id']);
}

export async function getAnimation(id: string): Promise<AnimationView> {
  return normaliseAnimation(await getJson(`${API_BASE}/animations/${encodeURIComponent(id)}`));
}

export async function listAnimations(avatarId: string): Promise<AnimationView[]> {
  const body: unknown = await getJson(`${API_BASE}/avatars/${encodeURIComponent(avatarId)}/animations`);
  return itemsOf(body).map((item) => normaliseAnimation(obj(item) ?? {}));
}

export async function deleteAnimation(id: string): Promise<void> {
  await request('DELETE', `${API_BASE}/animations/${encodeURIComponent(id)}`);
}

/** The free-pose render's parameters and their ranges (degrees for angles, 0–1 for expressions). */
export const RENDER_CONTROLS: readonly { name: keyof RenderParams; label: string; min: number; max: number; step: number }[] = [
  { name: 'yaw', label: 'Turn (yaw, °)', min: -60, max: 60, step: 5 },
  { name: 'pitch', label: 'Nod (pitch, °)', min: -30, max: 30, step: 5 },
  { name: 'roll', label: 'Tilt (roll, °)', min: -30, max: 30, step: 5 },
  { name: 'jawOpen', label: 'Open mouth', min: 0, max: 1, step: 0.1 },
  { name: 'smile', label: 'Smile', min: 0, max: 1, step: 0.1 },
];
