import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobUrl, isSigned, needsKey, releaseBlobUrls } from '../src/urls';

afterEach(() => {
  vi.unstubAllGlobals();
  releaseBlobUrls();
});

describe('signed URLs', () => {
  it('recognises the signer query (sig and exp)', () => {
    expect(isSigned('/api/v1/avatars/a/preview?o=u&exp=1767225600&kid=k1&sig=abc')).toBe(true);
    expect(isSigned('/api/v1/avatars/a/preview')).toBe(false);
    expect(isSigned('/api/v1/avatars/a/render?yaw=3&pitch=0')).toBe(false);
    expect(isSigned('/api/v1/x?sig=abc')).toBe(false);
  });

  it('needs the key only for unsigned API URLs while a key is set', () => {
    expect(needsKey('/api/v1/media/m/frames/0', null)).toBe(false);
    expect(needsKey('/api/v1/media/m/frames/0', 'k')).toBe(true);
    expect(needsKey('/api/v1/media/m/frames/0?o=u&exp=1&kid=k&sig=s', 'k')).toBe(false);
    expect(needsKey('blob:http://localhost/123', 'k')).toBe(false);
    expect(needsKey('/favicon.svg', 'k')).toBe(false);
  });
});

describe('fetching with the key', () => {
  it('sends the Authorization header, makes one blob URL per URL, and releases them', async () => {
    const fetch = vi.fn(async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } }));
    vi.stubGlobal('fetch', fetch);
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const first = await blobUrl('/api/v1/avatars/a/render?yaw=0', 'secret');
    const again = await blobUrl('/api/v1/avatars/a/render?yaw=0', 'secret');
    expect(first).toMatch(/^blob:/);
    expect(again).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toEqual({ Authorization: 'Bearer secret' });
    releaseBlobUrls();
    expect(revoke).toHaveBeenCalledWith(first);
  });

  it('fails with the server problem detail, and tries again next time', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ title: 'Forbidden', status: 403, detail: 'This key may not read that avatar.' }), { status: 403, headers: { 'content-type': 'application/problem+json' } })));
    await expect(blobUrl('/api/v1/avatars/a/preview', 'k')).rejects.toThrow('This key may not read that avatar.');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(new Uint8Array([1]))));
    await expect(blobUrl('/api/v1/avatars/a/preview', 'k')).resolves.toMatch(/^blob:/);
  });
});
