import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits } from '../src/config';
import { acceptAttribute, checkDimensions, checkDuration, checkSelection, kindOf, limitsSummary, type FileLike } from '../src/validation';

const MB = 1024 * 1024;
const file = (name: string, size = 1000, type = ''): FileLike => ({ name, size, type });
const limits: Limits = { maxUploadBytes: 10 * MB, maxVideoSeconds: 60, maxSidePixels: 2048, maxFrames: 64, maxFiles: 3 };

describe('kindOf', () => {
  it('uses the MIME type, then the extension', () => {
    expect(kindOf(file('a.bin', 1, 'image/png'))).toBe('image');
    expect(kindOf(file('clip.MKV'))).toBe('video');
    expect(kindOf(file('face.jpeg'))).toBe('image');
    expect(kindOf(file('notes.txt', 1, 'text/plain'))).toBe('unsupported');
    expect(kindOf(file('noextension'))).toBe('unsupported');
    expect(kindOf(file('photo.gif', 1, 'image/gif'))).toBe('unsupported');
  });
});

describe('checkSelection for the subject', () => {
  it('accepts several photos', () => {
    const c = checkSelection([file('a.jpg'), file('b.png'), file('c.webp')], limits, 'subject');
    expect(c).toMatchObject({ ok: true, kind: 'images', totalBytes: 3000, errors: [] });
  });

  it('accepts one video', () => {
    expect(checkSelection([file('talk.mp4', 5 * MB, 'video/mp4')], limits, 'subject')).toMatchObject({ ok: true, kind: 'video' });
  });

  it('refuses nothing chosen', () => {
    const c = checkSelection([], limits, 'subject');
    expect(c.ok).toBe(false);
    expect(c.errors[0]).toMatch(/Choose/);
  });

  it('refuses photos mixed with a video, and two videos', () => {
    expect(checkSelection([file('a.jpg'), file('b.mp4')], limits, 'subject').errors).toContain('Send either photos or one video, not both.');
    expect(checkSelection([file('a.mp4'), file('b.mov')], limits, 'subject').errors).toContain('Send one video at a time.');
  });

  it('names an unsupported or empty file', () => {
    const c = checkSelection([file('notes.txt'), file('empty.png', 0)], limits, 'subject');
    expect(c.ok).toBe(false);
    expect(c.errors.some((e) => e.includes('notes.txt') && e.includes('not a supported'))).toBe(true);
    expect(c.errors).toContain('“empty.png” is empty.');
  });

  it('enforces the frame count and total size from the limits given', () => {
    const four = [1, 2, 3, 4].map((i) => file(`${i}.jpg`));
    expect(checkSelection(four, limits, 'subject').errors.join()).toMatch(/At most 3 photos/);
    const big = checkSelection([file('a.jpg', 6 * MB), file('b.jpg', 6 * MB)], limits, 'subject');
    expect(big.errors.join()).toMatch(/12 MB; the limit is 10 MB/);
    expect(checkSelection(four, { ...limits, maxFiles: 4 }, 'subject').ok).toBe(true);
  });
});

describe('checkSelection for a driver', () => {
  it('wants exactly one video', () => {
    expect(checkSelection([file('drive.webm')], limits, 'driver')).toMatchObject({ ok: true, kind: 'video' });
    expect(checkSelection([file('face.png')], limits, 'driver').errors).toContain('The driving clip must be a video, not a photo.');
    expect(checkSelection([file('a.mp4'), file('b.mp4')], limits, 'driver').errors).toContain('Choose exactly one driving video.');
    expect(checkSelection([], limits, 'driver').errors).toEqual(['Choose a driving video.']);
  });
});

describe('pixel size and duration', () => {
  it('checks the longest side against the limit', () => {
    expect(checkDimensions('a.png', 2048, 1000, limits)).toBeNull();
    expect(checkDimensions('a.png', 1000, 2049, limits)).toBe('“a.png” is 1000×2049 pixels; the limit is 2048 pixels a side.');
  });

  it('checks the duration against the limit', () => {
    expect(checkDuration('v.mp4', 60, limits)).toBeNull();
    expect(checkDuration('v.mp4', 90, limits)).toBe('“v.mp4” is 1 min 30 s long; the limit is 1 min.');
    expect(checkDuration('v.mp4', Number.POSITIVE_INFINITY, limits)).toBeNull(); // live streams report Infinity: left to the server
  });
});

describe('texts for the picker', () => {
  it('summarises the server defaults', () => {
    expect(limitsSummary(DEFAULT_LIMITS, 'subject')).toBe('Up to 32 photos (JPEG, PNG, WebP) or one video of at most 10 min; up to 200 MB, 4096 px a side.');
    expect(limitsSummary(DEFAULT_LIMITS, 'driver')).toMatch(/^One video/);
  });

  it('accept attributes list the types for each purpose', () => {
    expect(acceptAttribute('driver')).not.toMatch(/image/);
    expect(acceptAttribute('subject')).toMatch(/image\/png/);
    expect(acceptAttribute('subject')).toMatch(/\.mkv/);
  });
});
