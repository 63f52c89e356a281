// Runs the official MediaPipe face-mesh JS solution (@mediapipe/face_mesh, same npm version as the Java models) in
// headless Chromium on the given images and writes its 468 landmarks (image pixels) as JSON.
// usage: node reference-mesh.mjs <out.json> <image.png>...   (env CHROMIUM=/usr/bin/chromium by default)
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const meshDir = path.join(here, 'node_modules', '@mediapipe', 'face_mesh');
const [out, ...images] = process.argv.slice(2);
if (!out || images.length === 0) {
  console.error('usage: node reference-mesh.mjs <out.json> <image.png>...');
  process.exit(2);
}
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.binarypb': 'application/octet-stream', '.html': 'text/html', '.png': 'image/png', '.tflite': 'application/octet-stream' };
const page = `<!doctype html><html><body><script src="/mp/face_mesh.js"></script><script>
window.runAll = async (names) => {
  const fm = new FaceMesh({ locateFile: (f) => '/mp/' + f });
  // defaults otherwise (detection 0.5, tracking 0.5): overriding minDetectionConfidence in this version replaces the
  // detector's whole options proto and the graph fails to open (num_classes missing). CPU inference = TFLite in wasm.
  fm.setOptions({ maxNumFaces: 1, refineLandmarks: false, selfieMode: false, useCpuInference: true });
  let last = null;
  fm.onResults((r) => { last = r; });
  await fm.initialize();
  const results = [];
  for (const n of names) {
    const img = new Image();
    img.src = '/img/' + n;
    await img.decode();
    last = null;
    fm.reset(); // every picture on its own: detector first, as for a still image
    await fm.send({ image: img });
    const lm = last && last.multiFaceLandmarks && last.multiFaceLandmarks[0];
    results.push({ name: n, width: img.naturalWidth, height: img.naturalHeight,
      landmarks: lm ? lm.map((p) => [p.x * img.naturalWidth, p.y * img.naturalHeight, p.z * img.naturalWidth]) : null });
  }
  return results;
};
</script></body></html>`;
const byName = new Map(images.map((p, i) => [`${i}${path.extname(p)}`, p]));
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  let file = null;
  if (url === '/favicon.ico') { res.writeHead(204); res.end(); return; }
  if (url === '/' || url === '/index.html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); return; }
  if (url.startsWith('/mp/')) file = path.join(meshDir, path.basename(url));
  if (url.startsWith('/img/')) file = byName.get(path.basename(url));
  if (!file || !fs.existsSync(file)) { if (process.env.MP_DEBUG) console.error('404', url); res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-chromium-'));
// a fresh profile per run (launchPersistentContext is Playwright's way to pass --user-data-dir)
const ctx = await chromium.launchPersistentContext(userDir, {
  headless: true,
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const p = await ctx.newPage();
  p.on('console', (m) => { if (m.type() === 'error' || process.env.MP_DEBUG) console.error('[page]', m.text()); });
  await p.goto(`http://127.0.0.1:${port}/`);
  const results = await p.evaluate((names) => window.runAll(names), [...byName.keys()]);
  results.forEach((r) => { r.name = byName.get(r.name); });
  fs.writeFileSync(out, JSON.stringify(results));
  console.log(`reference landmarks for ${results.filter((r) => r.landmarks).length}/${results.length} images -> ${out}`);
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(userDir, { recursive: true, force: true });
}
