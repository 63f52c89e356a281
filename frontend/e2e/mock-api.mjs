// A stand-in for the REST API, to look at every screen of the page without the Java service
// (development and screenshots only; the real browser test runs against the application).
//   node e2e/mock-api.mjs [port] [image.png]     then open http://127.0.0.1:<port>/
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const port = Number(process.argv[2] ?? 5180);
const image = readFileSync(process.argv[3] ?? '/work/shared/media/astronaut.png');
const root = fileURLToPath(new URL('../../target/classes/static/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const jobs = new Map();
const avatars = new Map();

function job(type, resourceId, fail) {
  const id = randomUUID();
  const j = { id, type, status: 'QUEUED', progress: 0, stage: null, errorCode: null, errorMessage: null, resourceId, started: Date.now(), fail };
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
  if (j.fail && j.progress > 40) Object.assign(j, { status: 'FAILED', errorCode: 'NO_FACE', errorMessage: 'No face was found in any frame.' });
  else if (j.progress >= 100) Object.assign(j, { status: 'SUCCEEDED', stage: 'done' });
  return j;
}
const view = ({ started, fail, ...j }) => j;
const send = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};
const problem = (res, status, detail, code) => send(res, status, { title: 'Error', status, detail, code }, 'application/problem+json');

createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  let m;
  if (req.method === 'POST' && p === '/api/v1/media') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('latin1');
      if (!body.includes('\x89PNG') && !body.includes('\xff\xd8')) return problem(res, 415, 'The file is not a JPEG, PNG or WebP photo, nor an MP4, MOV, WebM or MKV video (judged by its content, not its name).', 'UNSUPPORTED_MEDIA');
      const j = job('MEDIA_INGEST', randomUUID());
      send(res, 202, { mediaId: j.resourceId, jobId: j.id });
    });
    return;
  }
  if ((m = /^\/api\/v1\/media\/([^/]+)$/.exec(p))) {
    return send(res, 200, { id: m[1], kind: 'PHOTOS', status: 'SUCCEEDED', width: 512, height: 512, frameCount: 3, frames: [0, 1, 2].map((n) => ({ n, url: `/api/v1/media/${m[1]}/frames/${n}` })), preview: `/api/v1/media/${m[1]}/preview` });
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
    req.resume();
    const id = randomUUID();
    const j = job('AVATAR_BUILD', id);
    avatars.set(id, { id, createdAt: new Date().toISOString(), coverage: { texture: 0.58, pose: 0.22 }, framesUsed: 1, modelPack: 'open', mediaIds: [randomUUID()], suggestions: ['Add a left profile (head turned about 45° to the left).', 'Add a right profile.'] });
    return send(res, 202, { avatarId: id, jobId: j.id });
  }
  if (p === '/api/v1/avatars') return send(res, 200, [...avatars.values()]);
  if ((m = /^\/api\/v1\/avatars\/([^/]+)$/.exec(p))) {
    if (req.method === 'DELETE') {
      avatars.delete(m[1]);
      res.writeHead(204);
      return res.end();
    }
    const a = avatars.get(m[1]);
    return a ? send(res, 200, a) : problem(res, 404, 'No such avatar.', 'NOT_FOUND');
  }
  if ((m = /^\/api\/v1\/avatars\/([^/]+)\/(animations|frames)$/.exec(p))) {
    req.resume();
    const j = job(m[2] === 'frames' ? 'AVATAR_BUILD' : 'ANIMATION_RENDER', randomUUID());
    return send(res, 202, { animationId: j.resourceId, jobId: j.id });
  }
  if ((m = /^\/api\/v1\/animations\/([^/]+)$/.exec(p))) return send(res, 200, { id: m[1], durationSeconds: 2, fps: 10 });
  if (p.startsWith('/api/')) return problem(res, 404, 'No such resource.', 'NOT_FOUND');
  const file = normalize(join(root, p === '/' ? 'index.html' : p));
  if (!file.startsWith(root) || !existsSync(file)) return send(res, 404, 'not found', 'text/plain');
  send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
}).listen(port, '127.0.0.1', () => console.log(`mock API on http://127.0.0.1:${port}/`));
