import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptedFrom, avatarRenderUrl, getLimits, mediaOverlayUrl, normaliseAnimation, normaliseAvatar, normaliseJob, normaliseLimits, normaliseMedia } from '../src/api';
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

  it('reads avatars with coverage as fields or an object, and prefers server-given (signed) URLs', () => {
    const a = normaliseAvatar({ id: 'a/1', coverage: { texture: 0.62, pose: 0.3 }, framesUsed: 3, modelPack: 'open', suggestions: ['add a left profile', { message: 'add a smile' }], mediaIds: ['m1'] });
    expect(a).toMatchObject({ textureCoverage: 0.62, poseCoverage: 0.3, framesUsed: 3, modelPack: 'open', mediaIds: ['m1'] });
    expect(a.suggestions).toEqual(['add a left profile', 'add a smile']);
    expect(a.previewUrl).toBe('/api/v1/avatars/a%2F1/preview');
    const signed = normaliseAvatar({ id: 'a', textureCoverage: 0.5, links: { preview: '/api/v1/avatars/a/preview?sig=abc' } });
    expect(signed.previewUrl).toBe('/api/v1/avatars/a/preview?sig=abc');
    expect(signed.orbitUrl).toBe('/api/v1/avatars/a/orbit');
  });

  it('reads animations', () => {
    expect(normaliseAnimation({ animationId: 'n', durationSeconds: 2, fps: 10 })).toMatchObject({ id: 'n', videoUrl: '/api/v1/animations/n/video', fps: 10 });
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
