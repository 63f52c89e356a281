import { describe, expect, it } from 'vitest';
import { ApiError, fallbackMessage, messageOf, parseProblem } from '../src/problem';

const PROBLEM = 'application/problem+json';

describe('parseProblem', () => {
  it('shows the detail of an RFC 9457 body and keeps title, status and code', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Unsupported media', status: 415, detail: 'The file is not a supported image or video.', code: 'UNSUPPORTED_MEDIA' });
    const p = parseProblem(415, PROBLEM, body);
    expect(p.message).toBe('The file is not a supported image or video.');
    expect(p.title).toBe('Unsupported media');
    expect(p.code).toBe('UNSUPPORTED_MEDIA');
    expect(p.status).toBe(415);
  });

  it('falls back to the title when there is no detail', () => {
    expect(parseProblem(409, PROBLEM, '{"title":"Idempotency key reused","status":409}').message).toBe('Idempotency key reused');
  });

  it('never shows an HTML error page', () => {
    const p = parseProblem(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(p.message).not.toMatch(/html|Bad Gateway/i);
    expect(p.message).toBe(fallbackMessage(502));
  });

  it('never shows a stack trace even when it sits in the detail', () => {
    const detail = 'java.lang.IllegalStateException: boom\n    at io.invertavatar.media.Decoder.read(Decoder.java:42)';
    const p = parseProblem(500, PROBLEM, JSON.stringify({ title: 'Internal error.', detail, status: 500 }));
    expect(p.message).toBe('Internal error.');
  });

  it('reads JSON problems sent without a content type (XHR) and as application/json', () => {
    expect(parseProblem(413, null, '{"detail":"Upload is 300 MB; the limit is 200 MB."}').message).toBe('Upload is 300 MB; the limit is 200 MB.');
    expect(parseProblem(400, 'application/json', '{"detail":"No file part was sent."}').message).toBe('No file part was sent.');
  });

  it('uses status-specific wording for empty bodies', () => {
    expect(parseProblem(413, null, '').message).toMatch(/larger than the server accepts/);
    expect(parseProblem(0, null, '').message).toMatch(/Could not reach the server/);
    expect(parseProblem(503, null, '').message).toMatch(/status 503/);
  });

  it('joins field errors when the problem has no detail', () => {
    const body = JSON.stringify({ title: 'Bad Request', status: 400, errors: [{ field: 'consent', message: 'must be true' }, 'files: required'] });
    const p = parseProblem(400, PROBLEM, body);
    expect(p.fieldErrors).toEqual(['consent: must be true', 'files: required']);
    expect(p.message).toBe('consent: must be true files: required');
  });

  it('clips very long messages', () => {
    const p = parseProblem(422, PROBLEM, JSON.stringify({ detail: 'x'.repeat(2000) }));
    expect(p.message.length).toBeLessThanOrEqual(400);
    expect(p.message.endsWith('…')).toBe(true);
  });

  it('prefers the status inside the body when the transport status is generic', () => {
    expect(parseProblem(200, PROBLEM, '{"status":422,"title":"Consent required"}').status).toBe(422);
  });
});

describe('messageOf', () => {
  it('gives an ApiError its problem message', () => {
    const e = new ApiError(parseProblem(404, PROBLEM, '{"detail":"No avatar 42."}'));
    expect(messageOf(e)).toBe('No avatar 42.');
    expect(e.status).toBe(404);
  });

  it('turns network TypeErrors and aborts into sentences', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/Could not reach the server/);
    expect(messageOf(new DOMException('x', 'AbortError'))).toBe('Cancelled.');
    expect(messageOf({ weird: true })).toBe('Something went wrong. Try again.');
  });
});

describe('keys mode messages', () => {
  it('says where the key goes when the server wants one', async () => {
    const { ApiError, KEY_HINT, messageOf, parseProblem } = await import('../src/problem');
    const e = new ApiError(parseProblem(401, 'application/problem+json', '{"status":401,"detail":"Send Authorization: Bearer <API key>."}'));
    expect(messageOf(e)).toBe(`Send Authorization: Bearer <API key>. ${KEY_HINT}`);
  });
});
