// A stand-in for the REST API (shapes of docs/api-contract: media, tracking, jobs, avatars, animations), to look
// at every screen of the page without the Java service (development and screenshots only; the real browser
// tests run against the application).
//   node e2e/mock-api.mjs [port] [image.png] [result.mp4]     then open http://127.0.0.1:<port>/
//   MOCK_KEY=secret node e2e/mock-api.mjs …   keys mode: every /api call needs "Authorization: Bearer secret",
//   except URLs the mock signed (?o=&exp=&kid=&sig=) — previews, orbit and video URLs in bodies are signed,
//   media frames are too, tracking overlays are not listed (the page fetches them with the key).
// With result.mp4, orbits and animations "render" to that file (served with Range support).
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID, createHmac } from 'node:crypto';

const port = Number(process.argv[2] ?? 5180);
const image = readFileSync(process.argv[3] ?? fileURLToPath(new URL('../../../shared/media/astronaut.png', import.meta.url)));
const video = process.argv[4] ? readFileSync(process.argv[4]) : null;
const KEY = process.env.MOCK_KEY || null;
const OWNER = '00000000-0000-0000-0000-000000000001';
const root = fileURLToPath(new URL('../../target/classes/static/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const jobs = new Map();
const media = new Map();
const avatars = new Map();
const animations = new Map();

const mac = (path, exp) => createHmac('sha256', 'mock').update(`${path}|${OWNER}|${exp}`).digest('base64url');
/** In keys mode a signed URL (as SignedUrls.sign would give), else the plain path. */
const url = (path) => {
  if (!KEY) return path;
  const exp = Math.floor(Date.now() / 1000) + 600;
  return `${path}?o=${OWNER}&exp=${exp}&kid=k1&sig=${mac(path, exp)}`;
};
const signedOk = (u) => u.searchParams.get('sig') === mac(u.pathname, u.searchParams.get('exp'));

function job(type, resourceType, resourceId, { fail = null, then = null } = {}) {
  const id = randomUUID();
  const j = { id, type, status: 'QUEUED', progress: 0, stage: null, errorCode: null, errorMessage: null, resourceType, resourceId, started: Date.now(), fail, then };
  jobs.set(id, j);
  return j;
}
function tick(j) {
  const t = (Date.now() - j.started) / 1000;
  if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.status)) return j;
  if (t < 0.5) return j;
  j.status = 'RUNNING';
  j.progress = Math.min(100, Math.round(t * 40));
  j.stage = j.progress < 50 ? 'decoding frames' : 'tracking the face';
  if (j.fail && j.progress > 40) Object.assign(j, { status: 'FAILED', errorCode: j.fail.code, errorMessage: j.fail.message });
  else if (j.progress >= 100) {
    Object.assign(j, { status: 'SUCCEEDED', stage: 'done' });
    j.then?.();
  }
  return j;
}
const view = ({ started, fail, then, ...j }) => j;
const send = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};
const problem = (res, status, detail, code) => send(res, status, { title: 'Error', status, detail, code }, 'application/problem+json');
const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
/** Values of a multipart text field (enough for the page's forms). */
const fields = (body, name) => [...body.matchAll(new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)\\r\\n`, 'g'))].map((m) => m[1]);

function avatarBody(a) {
  const base = `/api/v1/avatars/${a.id}`;
  const ready = a.status === 'READY';
  return {
    ...a,
    previewUrl: ready ? url(`${base}/preview`) : null,
    orbitUrl: ready && video ? url(`${base}/orbit`) : null,
  };
}
function animationBody(n) {
  return { ...n, videoUrl: n.status === 'READY' && video ? url(`/api/v1/animations/${n.id}/video`) : null };
}
function newMedia(body) {
  const isVideo = body.includes('ftyp');
  const id = randomUUID();
  const frames = isVideo ? 8 : 1;
  const j = job('MEDIA_INGEST', 'MEDIA', id);
  media.set(id, { id, kind: isVideo ? 'VIDEO' : 'PHOTOS', jobId: j.id, width: 512, height: 512, durationSeconds: isVideo ? 2 : null, fps: isVideo ? 10 : null, frameCount: frames });
  return j;
}
function sendVideo(req, res) {
  const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': video.length });
    return res.end(video);
  }
  const start = Number(range[1]);
  const end = range[2] ? Math.min(Number(range[2]), video.length - 1) : video.length - 1;
  res.writeHead(206, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${video.length}`, 'content-length': end - start + 1 });
  return res.end(video.subarray(start, end + 1));
}

createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  let m;
  if (p.startsWith('/api/') && KEY && req.headers.authorization !== `Bearer ${KEY}` && !signedOk(u)) {
    return problem(res, 401, 'An API key is required: send it as "Authorization: Bearer <key>".', 'UNAUTHENTICATED');
  }
  if (p === '/api/v1/limits') return send(res, 200, { maxUploadBytes: 200 * 1024 * 1024, maxSidePixels: 4096, maxVideoSeconds: 600, maxFrames: 64, maxFiles: 32 });
  if (req.method === 'POST' && p === '/api/v1/media') {
    const body = await readBody(req);
    if (!body.includes('\x89PNG') && !body.includes('\xff\xd8') && !body.includes('ftyp')) {
      return problem(res, 415, 'The file is not a JPEG, PNG or WebP photo, nor an MP4, MOV, WebM or MKV video (judged by its content, not its name).', 'UNSUPPORTED_MEDIA');
    }
    const j = newMedia(body);
    return send(res, 202, { mediaId: j.resourceId, jobId: j.id, media: `/api/v1/media/${j.resourceId}`, job: `/api/v1/jobs/${j.id}` });
  }
  if ((m = /^\/api\/v1\/media\/([^/]+)$/.exec(p))) {
    const md = media.get(m[1]);
    if (!md) return problem(res, 404, `No media with id ${m[1]}.`, 'NOT_FOUND');
    const status = tick(jobs.get(md.jobId)).status;
    const frames = status === 'SUCCEEDED' ? [...Array(md.frameCount).keys()].map((n) => ({ n, url: url(`/api/v1/media/${md.id}/frames/${n}`) })) : [];
    return send(res, 200, { ...md, status, frames, preview: status === 'SUCCEEDED' ? url(`/api/v1/media/${md.id}/preview`) : null });
  }
  if ((m = /^\/api\/v1\/media\/([^/]+)\/tracking$/.exec(p))) {
    const md = media.get(m[1]);
    if (!md) return problem(res, 404, 'No such media.', 'NOT_FOUND');
    // Every frame but the second has a face; no overlay URLs: the page falls back to the frame's sibling path.
    return send(res, 200, { summary: { frames: md.frameCount, framesWithFace: md.frameCount }, frames: [...Array(md.frameCount).keys()].map((n) => ({ frame: n, hasFace: n !== 1 })) });
  }
  if (/^\/api\/v1\/(media|avatars)\/[^/]+\/(preview|frames\/\d+(\/overlay)?|render)$/.test(p)) return send(res, 200, image, 'image/png');
  if ((m = /^\/api\/v1\/jobs\/([^/]+)\/events$/.exec(p))) {
    const j = jobs.get(m[1]);
    if (!j) return problem(res, 404, 'No such job.', 'NOT_FOUND');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const timer = setInterval(() => {
      tick(j);
      res.write(`event: job\ndata: ${JSON.stringify(view(j))}\n\n`);
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.status)) {
        clearInterval(timer);
        res.end();
      }
    }, 300);
    req.on('close', () => clearInterval(timer));
    return;
  }
  if ((m = /^\/api\/v1\/jobs\/([^/]+)\/cancel$/.exec(p))) {
    const j = jobs.get(m[1]);
    if (j) Object.assign(j, { status: 'CANCELLED', errorCode: 'CANCELLED', errorMessage: 'Cancelled.' });
    return send(res, 200, j ? view(j) : {});
  }
  if ((m = /^\/api\/v1\/jobs\/([^/]+)$/.exec(p))) {
    const j = jobs.get(m[1]);
    return j ? send(res, 200, view(tick(j))) : problem(res, 404, 'No such job.', 'NOT_FOUND');
  }
  if (req.method === 'POST' && p === '/api/v1/avatars') {
    const body = await readBody(req);
    const consent = fields(body, 'consent')[0];
    if (!['SUBJECT_AGREED', 'CALLER_IS_SUBJECT'].includes(consent)) {
      return problem(res, 422, 'Say who agreed: consent=SUBJECT_AGREED or CALLER_IS_SUBJECT.', 'CONSENT_REQUIRED');
    }
    const mediaIds = fields(body, 'mediaIds');
    const id = randomUUID();
    const a = {
      id, name: fields(body, 'name')[0] ?? null, status: 'BUILDING', modelPack: 'open', framesUsed: 0, sourceMediaIds: mediaIds, version: 0,
      coverage: { texture: 0, pose: 0 }, suggestions: [], consent: { basis: consent, recordedAt: new Date().toISOString(), recordedBy: KEY ? 'mock-key' : 'local' },
      errorCode: null, errorMessage: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    };
    const j = job('AVATAR_BUILD', 'AVATAR', id, {
      then: () => Object.assign(a, { status: 'READY', version: 1, framesUsed: mediaIds.length, coverage: { texture: 0.58, pose: 0.22 }, suggestions: ['add a left profile', 'add a right profile'] }),
    });
    a.jobId = j.id;
    avatars.set(id, a);
    return send(res, 202, { avatarId: id, jobId: j.id, avatar: `/api/v1/avatars/${id}`, job: `/api/v1/jobs/${j.id}` });
  }
  if (p === '/api/v1/avatars') {
    const all = [...avatars.values()].reverse();
    const page = Number(u.searchParams.get('page') ?? 0);
    const size = Number(u.searchParams.get('size') ?? 20);
    return send(res, 200, { items: all.slice(page * size, page * size + size).map(avatarBody), page, size, total: all.length });
  }
  if ((m = /^\/api\/v1\/avatars\/([^/]+)$/.exec(p))) {
    const a = avatars.get(m[1]);
    if (!a) return problem(res, 404, `No avatar with id ${m[1]}.`, 'NOT_FOUND');
    if (req.method === 'DELETE') {
      avatars.delete(m[1]);
      res.writeHead(204);
      return res.end();
    }
    return send(res, 200, avatarBody(a));
  }
  if ((m = /^\/api\/v1\/avatars\/([^/]+)\/frames$/.exec(p)) && req.method === 'POST') {
    const a = avatars.get(m[1]);
    if (!a) return problem(res, 404, 'No such avatar.', 'NOT_FOUND');
    const mediaIds = fields(await readBody(req), 'mediaIds');
    a.status = 'BUILDING';
    const j = job('AVATAR_ADD_FRAMES', 'AVATAR', a.id, {
      then: () => Object.assign(a, { status: 'READY', version: a.version + 1, sourceMediaIds: [...a.sourceMediaIds, ...mediaIds], framesUsed: a.framesUsed + mediaIds.length, coverage: { texture: 0.71, pose: 0.4 }, suggestions: ['add a right profile'] }),
    });
    a.jobId = j.id;
    return send(res, 202, { avatarId: a.id, jobId: j.id, avatar: `/api/v1/avatars/${a.id}`, job: `/api/v1/jobs/${j.id}` });
  }
  if ((m = /^\/api\/v1\/avatars\/([^/]+)\/animations$/.exec(p))) {
    if (!avatars.has(m[1])) return problem(res, 404, 'No such avatar.', 'NOT_FOUND');
    if (req.method !== 'POST') return send(res, 200, { items: [...animations.values()].filter((n) => n.avatarId === m[1]).map(animationBody) });
    const body = await readBody(req);
    if (!body.includes('ftyp')) return problem(res, 415, 'The driving file is not a video.', 'UNSUPPORTED_MEDIA');
    const id = randomUUID();
    const n = { id, avatarId: m[1], status: 'RENDERING', driverMediaId: randomUUID(), frameCount: 20, fps: 10, durationSeconds: 2, hasAudio: false, createdAt: new Date().toISOString() };
    const j = job('ANIMATION_RENDER', 'ANIMATION', id, { then: () => (n.status = 'READY') });
    n.jobId = j.id;
    animations.set(id, n);
    return send(res, 202, { animationId: id, jobId: j.id, animation: `/api/v1/animations/${id}`, job: `/api/v1/jobs/${j.id}` });
  }
  if ((m = /^\/api\/v1\/animations\/([^/]+)$/.exec(p))) {
    const n = animations.get(m[1]);
    if (!n) return problem(res, 404, 'No such animation.', 'NOT_FOUND');
    if (req.method === 'DELETE') {
      animations.delete(m[1]);
      res.writeHead(204);
      return res.end();
    }
    return send(res, 200, animationBody(n));
  }
  if (video && (/^\/api\/v1\/animations\/[^/]+\/video$/.test(p) || /^\/api\/v1\/avatars\/[^/]+\/orbit$/.test(p))) return sendVideo(req, res);
  if (p.startsWith('/api/')) return problem(res, 404, 'No such resource.', 'NOT_FOUND');
  const file = normalize(join(root, p === '/' ? 'index.html' : p));
  if (!file.startsWith(root) || !existsSync(file)) return send(res, 404, 'not found', 'text/plain');
  send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
}).listen(port, '127.0.0.1', () => console.log(`mock API on http://127.0.0.1:${port}/${KEY ? ' (keys mode)' : ''}`));
