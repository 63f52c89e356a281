import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acceptedFrom,
  avatarRenderUrl,
  createAvatar,
  getLimits,
  getTracking,
  listAvatars,
  mediaOverlayUrl,
  normaliseAnimation,
  normaliseAvatar,
  normaliseJob,
  normaliseLimits,
  normaliseMedia,
  normaliseTracking,
  overlayUrlOf,
} from '../src/api';
import { DEFAULT_LIMITS } from '../src/config';
import { ApiError } from '../src/problem';

afterEach(() => vi.unstubAllGlobals());

describe('responses are normalised', () => {
  it('reads 202 bodies with either id spelling', () => {
    expect(acceptedFrom({ mediaId: 'm1', jobId: 'j1', media: '/api/v1/media/m1', job: '/api/v1/jobs/j1' }, ['mediaId'])).toEqual({ id: 'm1', jobId: 'j1' });
    expect(acceptedFrom({ id: 'a1', job: { id: 'j2' } }, ['avatarId'])).toEqual({ id: 'a1', jobId: 'j2' });
    expect(() => acceptedFrom({ id: 'a1' }, ['avatarId'])).toThrow(ApiError);
  });

  it('reads jobs', () => {
    expect(normaliseJob({ id: 'j', type: 'MEDIA_INGEST', status: 'running', progress: 140, stage: 'decoding', errorCode: null })).toEqual({
      id: 'j',
      type: 'MEDIA_INGEST',
      status: 'RUNNING',
      progress: 100,
      stage: 'decoding',
    });
    expect(normaliseJob({ status: 'WEIRD' }, 'x')).toEqual({ id: 'x' });
  });

  it('reads the media body of the foundation API (frames with n and url, preview link)', () => {
    const body = {
      id: 'm1', kind: 'PHOTOS', status: 'SUCCEEDED', width: 512, height: 512, durationSeconds: null, fps: null, frameCount: 1,
      frames: [{ n: 0, sourceIndex: 0, timestampMicros: 0, width: 512, height: 512, url: '/api/v1/media/m1/frames/0' }],
      preview: '/api/v1/media/m1/preview',
    };
    const m = normaliseMedia(body);
    expect(m.frames).toEqual([{ index: 0, url: '/api/v1/media/m1/frames/0' }]);
    expect(m.previewUrl).toBe('/api/v1/media/m1/preview');
    expect(normaliseMedia({ ...body, status: 'FAILED', preview: null, errorMessage: 'No frame could be decoded.' })).toMatchObject({ previewUrl: null, errorMessage: 'No frame could be decoded.' });
  });

  it('reads media with frames as objects or numbers', () => {
    const m = normaliseMedia({ id: 'm', kind: 'VIDEO', width: 640, height: 360, durationSeconds: 2.5, fps: 25, frames: [{ index: 2 }, { index: 0 }] });
    expect(m.frames.map((f) => f.index)).toEqual([0, 2]);
    expect(m.frames[1].url).toBe('/api/v1/media/m/frames/2');
    expect(m).toMatchObject({ width: 640, durationSeconds: 2.5, fps: 25, frameCount: 2 });
    expect(normaliseMedia({ id: 'm', probe: { width: 10, height: 20 }, frames: [0, 1, 2] })).toMatchObject({ width: 10, height: 20, frameCount: 3 });
  });

  it('reads avatars with coverage as fields or an object, and takes the URLs from the body only', () => {
    const a = normaliseAvatar({ id: 'a/1', coverage: { texture: 0.62, pose: 0.3 }, framesUsed: 3, modelPack: 'open', suggestions: ['add a left profile', { message: 'add a smile' }], mediaIds: ['m1'] });
    expect(a).toMatchObject({ textureCoverage: 0.62, poseCoverage: 0.3, framesUsed: 3, modelPack: 'open', mediaIds: ['m1'] });
    expect(a.suggestions).toEqual(['add a left profile', 'add a smile']);
    // No URL in the body (not built yet): the page shows a placeholder rather than guessing a path.
    expect(a.previewUrl).toBeNull();
    expect(a.orbitUrl).toBeNull();
    const signed = normaliseAvatar({ id: 'a', textureCoverage: 0.5, links: { preview: '/api/v1/avatars/a/preview?sig=abc' } });
    expect(signed.previewUrl).toBe('/api/v1/avatars/a/preview?sig=abc');
  });

  it('reads the avatar body of the contract (api-contract.md)', () => {
    const body = {
      id: 'a1', name: 'Ada', status: 'READY', modelPack: 'open', jobId: 'j9', framesUsed: 4, sourceMediaIds: ['m1', 'm2'], version: 2,
      coverage: { texture: 0.71, pose: 0.4 }, suggestions: ['add a left profile'],
      consent: { basis: 'CALLER_IS_SUBJECT', recordedAt: '2026-11-24T10:00:00Z', recordedBy: 'local' },
      previewUrl: '/api/v1/avatars/a1/preview?o=u&exp=1&kid=k1&sig=s', orbitUrl: '/api/v1/avatars/a1/orbit?o=u&exp=1&kid=k1&sig=t',
      errorCode: null, errorMessage: null, createdAt: '2026-11-24T10:00:00Z', updatedAt: '2026-11-24T10:01:00Z',
    };
    expect(normaliseAvatar(body)).toEqual({
      id: 'a1', name: 'Ada', status: 'READY', createdAt: '2026-11-24T10:00:00Z', textureCoverage: 0.71, poseCoverage: 0.4, framesUsed: 4,
      modelPack: 'open', suggestions: ['add a left profile'], mediaIds: ['m1', 'm2'], previewUrl: body.previewUrl, orbitUrl: body.orbitUrl,
      jobId: 'j9', version: 2, consentBasis: 'CALLER_IS_SUBJECT', errorMessage: null,
    });
    expect(normaliseAvatar({ id: 'b', status: 'FAILED', previewUrl: null, errorMessage: 'No face was found.' })).toMatchObject({ status: 'FAILED', previewUrl: null, errorMessage: 'No face was found.' });
  });

  it('reads animations, with the video URL only from the body', () => {
    expect(normaliseAnimation({ animationId: 'n', durationSeconds: 2, fps: 10 })).toMatchObject({ id: 'n', videoUrl: null, fps: 10 });
    expect(
      normaliseAnimation({ id: 'n', avatarId: 'a', status: 'READY', jobId: 'j', frameCount: 20, fps: 10, durationSeconds: 2, hasAudio: false, videoUrl: '/api/v1/animations/n/video?sig=x&exp=1' }),
    ).toMatchObject({ id: 'n', avatarId: 'a', status: 'READY', frameCount: 20, videoUrl: '/api/v1/animations/n/video?sig=x&exp=1' });
  });

  it('reads tracking results: faces per frame and overlay URLs when given', () => {
    const t = normaliseTracking({ summary: { frames: 3 }, frames: [{ frame: 0, hasFace: true }, { frame: 1, hasFace: false }, { frame: 2, hasFace: true, overlayUrl: '/o?sig=1&exp=2' }] });
    expect(t).toEqual([{ index: 0, hasFace: true }, { index: 1, hasFace: false }, { index: 2, hasFace: true, overlayUrl: '/o?sig=1&exp=2' }]);
    const frame = { index: 0, url: '/api/v1/media/m/frames/0?o=u&exp=1&kid=k&sig=s' };
    expect(overlayUrlOf(frame, t[2])).toBe('/o?sig=1&exp=2');
    expect(overlayUrlOf({ ...frame, overlayUrl: '/x/overlay?sig=2' }, t[0])).toBe('/x/overlay?sig=2');
    expect(overlayUrlOf(frame, t[0])).toBe('/api/v1/media/m/frames/0/overlay');
  });

  it('treats "no face" and "not tracked" as no tracking, other failures as errors', async () => {
    const answer = (status: number) => vi.fn(async () => new Response(JSON.stringify({ status, detail: 'x' }), { status, headers: { 'content-type': 'application/problem+json' } }));
    vi.stubGlobal('fetch', answer(422));
    expect(await getTracking('m')).toEqual([]);
    vi.stubGlobal('fetch', answer(404));
    expect(await getTracking('m')).toEqual([]);
    vi.stubGlobal('fetch', answer(500));
    await expect(getTracking('m')).rejects.toBeInstanceOf(ApiError);
  });

  it('lists a page of avatars with its total', async () => {
    const fetch = vi.fn(async () => Response.json({ items: [{ id: 'a', status: 'READY' }], page: 1, size: 1, total: 3 }));
    vi.stubGlobal('fetch', fetch);
    const page = await listAvatars(1, 1);
    expect(page.total).toBe(3);
    expect(page.items.map((a) => a.id)).toEqual(['a']);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('/api/v1/avatars?page=1&size=1');
  });

  it('builds URLs with encoded ids and query parameters', () => {
    expect(mediaOverlayUrl('m 1', 3)).toBe('/api/v1/media/m%201/frames/3/overlay');
    expect(avatarRenderUrl('a', { yaw: 30, pitch: -5, roll: 0, jawOpen: 0.5, smile: 0 })).toBe('/api/v1/avatars/a/render?yaw=30&pitch=-5&roll=0&jawOpen=0.5&smile=0');
  });
});

describe('limits', () => {
  it('reads the server limits under either naming', () => {
    expect(normaliseLimits({ maxUploadBytes: 1000, maxVideoSeconds: 30, maxSidePixels: 1024, maxFrames: 8, maxFiles: 4 })).toEqual({ maxUploadBytes: 1000, maxVideoSeconds: 30, maxSidePixels: 1024, maxFrames: 8, maxFiles: 4 });
    expect(normaliseLimits({ maxUploadMegabytes: 2 }).maxUploadBytes).toBe(2 * 1024 * 1024);
    expect(normaliseLimits({})).toEqual(DEFAULT_LIMITS);
  });

  it('uses the documented defaults when the server has no limits endpoint', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"title":"Not Found","status":404}', { status: 404, headers: { 'content-type': 'application/problem+json' } })));
    expect(await getLimits()).toEqual(DEFAULT_LIMITS);
  });

  it('uses the server limits when published', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ maxUploadBytes: 5, maxVideoSeconds: 6, maxSidePixels: 7, maxFrames: 8, maxFiles: 9 })));
    expect(await getLimits()).toEqual({ maxUploadBytes: 5, maxVideoSeconds: 6, maxSidePixels: 7, maxFrames: 8, maxFiles: 9 });
  });
});

describe('creating an avatar', () => {
  it('sends the media ids, the consent basis and the name as the contract names them', async () => {
    const sent: { url?: string; body?: FormData; headers: Record<string, string> } = { headers: {} };
    class FakeXhr {
      status = 202;
      responseText = JSON.stringify({ avatarId: 'a1', jobId: 'j1', avatar: '/api/v1/avatars/a1', job: '/api/v1/jobs/j1' });
      upload = { addEventListener: () => undefined };
      private listeners: Record<string, () => void> = {};
      open(_method: string, url: string) {
        sent.url = url;
      }
      setRequestHeader(name: string, value: string) {
        sent.headers[name] = value;
      }
      getResponseHeader() {
        return 'application/json';
      }
      addEventListener(type: string, listener: () => void) {
        this.listeners[type] = listener;
      }
      send(body: FormData) {
        sent.body = body;
        queueMicrotask(() => this.listeners.load?.());
      }
      abort() {}
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const accepted = await createAvatar(['m1', 'm2'], 'CALLER_IS_SUBJECT', { name: '  Ada ', idempotencyKey: 'k1' });
    expect(accepted).toEqual({ id: 'a1', jobId: 'j1' });
    expect(sent.url).toBe('/api/v1/avatars');
    expect(sent.body?.getAll('mediaIds')).toEqual(['m1', 'm2']);
    expect(sent.body?.get('consent')).toBe('CALLER_IS_SUBJECT');
    expect(sent.body?.get('name')).toBe('Ada');
    expect(sent.headers['Idempotency-Key']).toBe('k1');
  });
});

describe('keys mode', () => {
  const storage = () => {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
  };

  it('sends the stored key on API calls and polls jobs instead of using EventSource', async () => {
    vi.stubGlobal('sessionStorage', storage());
    vi.stubGlobal('EventSource', class {});
    const { setApiKey, getJob, canUseEventSource } = await import('../src/api');
    expect(canUseEventSource()).toBe(true);
    setApiKey('ia_secret');
    const fetch = vi.fn(async () => Response.json({ id: 'j', status: 'RUNNING', progress: 40, stage: 'tracking', resourceType: 'AVATAR', resourceId: 'a' }));
    vi.stubGlobal('fetch', fetch);
    expect(await getJob('j')).toMatchObject({ status: 'RUNNING', progress: 40, stage: 'tracking', resourceId: 'a' });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer ia_secret');
    expect(canUseEventSource()).toBe(false);
    setApiKey(null);
    expect(canUseEventSource()).toBe(true);
  });

  it('shows the problem detail of a refused call', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ type: 'urn:x', title: 'Too Many Requests', status: 429, detail: 'Quota reached: 300 jobs per hour.', code: 'QUOTA_EXCEEDED' }), { status: 429, headers: { 'content-type': 'application/problem+json' } })));
    const { getAvatar } = await import('../src/api');
    await expect(getAvatar('a')).rejects.toMatchObject({ status: 429, message: 'Quota reached: 300 jobs per hour.' });
  });
});

describe('checking a key before saving it', () => {
  it('refuses a key the server refuses, with its message, and accepts the rest', async () => {
    const { checkApiKey } = await import('../src/api');
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"status":401,"detail":"The API key is unknown, malformed or revoked."}', { status: 401, headers: { 'content-type': 'application/problem+json' } })));
    expect(await checkApiKey('bad')).toBe('The API key is unknown, malformed or revoked.');
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ maxFiles: 32 })));
    expect(await checkApiKey('good')).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 404 })));
    expect(await checkApiKey('older-server')).toBeNull();
  });
});
