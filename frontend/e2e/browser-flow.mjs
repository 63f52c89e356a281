// The real-browser flow, driven by io.invertavatar.web.BrowserFlowTest against the running application.
//   BASE_URL   the application (loopback, random port)
//   STEPS      comma list of: media (photo → ingestion → frames preview), video (the driving clip as a subject:
//              every frame the server read is shown), bad (a bad file shows the server's
//              error), avatar (photo → avatar job → preview → add frames → driving clip → result video →
//              delete), shots (screens at phone and desktop widths), key (enter API_KEY in the footer first:
//              keys mode; then every API call must succeed and pictures use signed or blob: URLs)
//   PHOTO      the subject photo; DRIVER the driving clip, DRIVER_SECONDS its duration; BAD_FILE a file the
//              server must refuse; ARTIFACTS where screenshots go; SHOT_PREFIX prefixes screenshot names
// Prints one "STEP <name> OK <facts>" line per passed step; exits 1 with "FAIL <step>: <why>" otherwise.
import { launch } from './launch.mjs';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};
const BASE = env('BASE_URL').replace(/\/$/, '');
const STEPS = env('STEPS', 'media,bad').split(',').map((s) => s.trim()).filter(Boolean);
const ARTIFACTS = env('ARTIFACTS', 'target/browser-artifacts');
const JOB_TIMEOUT = Number(env('JOB_TIMEOUT_MS', '240000'));
const PREFIX = env('SHOT_PREFIX', '');
/** Headers for the script's own API calls (keys mode needs the key there too). */
const AUTH = process.env.API_KEY ? { Authorization: `Bearer ${process.env.API_KEY}` } : {};
/** Requests to the API that the server refused as unauthenticated (keys mode: must stay empty). */
const unauthorised = [];
mkdirSync(ARTIFACTS, { recursive: true });

let current = 'start';
const log = (line) => console.log(line);
const fail = (why) => {
  throw new Error(`${current}: ${why}`);
};

let loads = 0;
/** A full page load (not a same-document hash change), so every step starts from a fresh page. */
async function open(page, hash) {
  await page.goto(`${BASE}/?load=${++loads}${hash}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${PREFIX}${name}.png`), fullPage: true });
}

/** Fills the "new avatar" form with the photo, confirms consent and sends it. */
async function submitPhoto(page, photo) {
  await open(page, '#/');
  await page.getByRole('heading', { level: 1, name: 'Create an avatar' }).waitFor();
  await page.locator('.create input[type=file]').setInputFiles(photo);
  await page.locator('.thumbs li').first().waitFor();
  await page.getByLabel(/I have the consent/).check();
  await page.getByRole('button', { name: 'Create avatar' }).click();
}

/** Follows the job panel inside `scope` to SUCCEEDED (fails with the panel's message otherwise). */
async function panelSucceeds(scope, timeout) {
  const panel = scope.locator('.job-panel').last();
  await panel.waitFor({ timeout });
  await scope.page().waitForFunction(
    (el) => ['SUCCEEDED', 'FAILED', 'CANCELLED', 'UNAVAILABLE'].includes(el.dataset.status ?? ''),
    await panel.elementHandle(),
    { timeout },
  );
  const status = await panel.getAttribute('data-status');
  if (status !== 'SUCCEEDED') fail(`job panel ended ${status}: ${(await panel.innerText()).replace(/\s+/g, ' ')}`);
}

/** Basic accessibility checks on the current screen: names for controls, alt text, one h1, a live region. */
async function checkAccessible(page, screen) {
  const problems = await page.evaluate(() => {
    const out = [];
    const named = (el) =>
      (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.textContent ?? '').trim();
    for (const el of document.querySelectorAll('input, select, textarea, button, video, progress')) {
      if (el.type === 'hidden' || el.closest('[hidden]')) continue;
      if (!named(el)) out.push(`unnamed <${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}>`);
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push(`<img src=${img.getAttribute('src')}> without alt`);
    for (const a of document.querySelectorAll('a')) if (!(a.textContent ?? '').trim() && !a.getAttribute('aria-label') && !a.querySelector('img[alt]:not([alt=""])')) out.push(`empty link ${a.getAttribute('href')}`);
    if (document.querySelectorAll('main h1').length !== 1) out.push(`${document.querySelectorAll('main h1').length} h1 headings in main`);
    if (!document.querySelector('[aria-live]')) out.push('no aria-live region');
    return out;
  });
  if (problems.length > 0) fail(`${screen}: ${problems.join('; ')}`);
}

async function imageSize(page, selector) {
  return page.locator(selector).evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight, complete: img.complete }));
}

async function waitForImage(page, selector, timeout) {
  await page.locator(selector).waitFor({ timeout });
  await page.waitForFunction((sel) => {
    const img = document.querySelector(sel);
    return img && img.complete && img.naturalWidth > 0;
  }, selector, { timeout: 30000 });
  return imageSize(page, selector);
}

const steps = {
  async media(page) {
    await submitPhoto(page, env('PHOTO'));
    const size = await waitForImage(page, '#media-preview', JOB_TIMEOUT);
    const status = await page.locator('.job-panel').first().getAttribute('data-status');
    if (status !== 'SUCCEEDED') fail(`ingestion panel says ${status}`);
    // The frames with their tracking overlay (in keys mode: signed URLs, or fetched with the key).
    await page.locator('.frames-section .frames img').first().waitFor({ timeout: 30000 });
    await page.locator('.frames-section').scrollIntoViewIfNeeded();
    await page
      .waitForFunction(() => [...document.querySelectorAll('.frames-section .frames img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 30000 })
      .catch(() => fail('some frame tiles never showed a picture'));
    const tile = await page.locator('.frames-section .frames img').first().getAttribute('src');
    await shot(page, 'media-preview');
    await checkAccessible(page, 'new avatar');
    return `frames preview ${size.w}x${size.h}, frame tile ${kindOf(tile)}`;
  },

  async video(page) {
    // A video as the subject: thumbnail with duration before sending, frames read by the server after.
    const uploads = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/media')) uploads.push(r);
    });
    await submitPhoto(page, env('DRIVER'));
    await waitForImage(page, '#media-preview', JOB_TIMEOUT);
    const upload = uploads.at(-1);
    const accepted = await (await upload.response()).json();
    const media = await (await page.request.get(`${BASE}/api/v1/media/${accepted.mediaId}`, { headers: AUTH })).json();
    const tiles = page.locator('.frames-section .frames img');
    await page.waitForFunction((n) => document.querySelectorAll('.frames-section .frames img').length === n, Math.min(media.frames.length, 64), { timeout: 10000 })
      .catch(() => undefined);
    const shown = await tiles.count();
    if (media.frames.length === 0) fail('the server read no frames from the clip');
    if (shown !== Math.min(media.frames.length, 64)) fail(`page shows ${shown} frames, the server read ${media.frames.length}`);
    // Every tile must end up showing a picture (its tracking overlay, or the plain frame when there is none).
    await page.locator('.frames-section').scrollIntoViewIfNeeded();
    await page
      .waitForFunction(() => [...document.querySelectorAll('.frames-section .frames img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 30000 })
      .catch(() => fail('some frame tiles never showed a picture'));
    await shot(page, 'video-frames');
    return `${shown} frames of a ${media.durationSeconds} s ${media.codec ?? ''} clip`;
  },

  async bad(page) {
    const badFile = env('BAD_FILE');
    // What the server says about this file, asked directly: the page must show exactly that.
    const probe = await page.request.post(`${BASE}/api/v1/media`, {
      headers: AUTH,
      multipart: { file: { name: basename(badFile), mimeType: 'image/png', buffer: (await import('node:fs')).readFileSync(badFile) } },
    });
    let expected;
    if (probe.status() >= 400) {
      expected = (await probe.json()).detail;
    } else {
      const { jobId } = await probe.json();
      for (let i = 0; i < 120 && expected === undefined; i++) {
        const job = await (await page.request.get(`${BASE}/api/v1/jobs/${jobId}`, { headers: AUTH })).json();
        if (['FAILED', 'CANCELLED'].includes(job.status)) expected = job.errorMessage;
        else if (job.status === 'SUCCEEDED') fail('the server accepted the bad file');
        else await page.waitForTimeout(500);
      }
    }
    if (!expected) fail('the server gave no message for the bad file');
    await open(page, '#/');
    await page.locator('.create input[type=file]').setInputFiles(badFile);
    await page.getByLabel(/I have the consent/).check();
    await page.getByRole('button', { name: 'Create avatar' }).click();
    const alert = page.locator('.job-panel [role=alert]').first();
    await alert.waitFor({ timeout: JOB_TIMEOUT });
    const shown = (await alert.innerText()).trim();
    if (shown !== expected.trim()) fail(`page shows "${shown}", server said "${expected}"`);
    await shot(page, 'bad-file-error');
    return `shows "${shown}"`;
  },

  async avatar(page) {
    await submitPhoto(page, env('PHOTO'));
    await waitForImage(page, '#media-preview', JOB_TIMEOUT);
    await page.waitForURL(/#\/avatars\/[^/]+$/, { timeout: JOB_TIMEOUT });
    const avatarId = decodeURIComponent(page.url().split('#/avatars/')[1]);
    const preview = await waitForImage(page, '#avatar-preview', 60000);
    if (preview.w <= 0 || preview.h <= 0) fail('avatar preview has no size');
    const box = await page.locator('#avatar-preview').boundingBox();
    if (!box || box.width <= 0 || box.height <= 0) fail('avatar preview is not displayed');
    const previewSrc = await page.locator('#avatar-preview').getAttribute('src');
    await shot(page, 'avatar-detail');

    // Add more frames: the same photo again, as a new source; the page reloads the avatar with it listed.
    const frameTiles = page.locator('.frames-section .frames img');
    await page.waitForFunction(() => document.querySelectorAll('.frames-section .frames img').length > 0, null, { timeout: 30000 });
    const before = await frameTiles.count();
    const improve = page.locator('section', { has: page.getByRole('heading', { name: 'Improve it' }) });
    await improve.locator('input[type=file]').setInputFiles(env('PHOTO'));
    await improve.getByRole('button', { name: 'Add frames' }).click();
    await page.getByText('Frames added: the avatar was updated.').waitFor({ timeout: JOB_TIMEOUT });
    await page.waitForFunction((n) => document.querySelectorAll('.frames-section .frames img').length > n, before, { timeout: 30000 })
      .catch(() => fail(`the source frames did not grow after adding frames (still ${before})`));
    const after = await frameTiles.count();
    await waitForImage(page, '#avatar-preview', 60000);
    await shot(page, 'avatar-frames-added');

    const animate = page.locator('section', { has: page.getByRole('heading', { name: 'Animate' }) });
    await animate.locator('input[type=file]').setInputFiles(env('DRIVER'));
    await animate.getByRole('button', { name: 'Animate' }).click();
    const video = page.locator('#animation-video');
    await video.waitFor({ timeout: JOB_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('#animation-video').readyState >= 2, null, { timeout: 60000 });
    const { readyState, duration } = await video.evaluate((v) => ({ readyState: v.readyState, duration: v.duration }));
    const expected = Number(env('DRIVER_SECONDS'));
    // One frame of slack at the driver's rate, plus container rounding.
    const tolerance = Number(env('DURATION_TOLERANCE', '0.25'));
    if (!(Math.abs(duration - expected) <= tolerance)) fail(`result lasts ${duration} s, the driver ${expected} s`);
    const download = page.getByRole('link', { name: 'Download MP4' }).first();
    await page.waitForFunction((el) => !!el.getAttribute('href'), await download.elementHandle(), { timeout: 30000 })
      .catch(() => fail('no download link'));
    const videoSrc = await video.getAttribute('src');
    await shot(page, 'animation-result');
    await checkAccessible(page, 'avatar page');
    // The avatar page at phone width: nothing may stick out sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await shot(page, 'phone-avatar-detail');
    await page.setViewportSize({ width: 1280, height: 900 });
    if (overflow > 1) fail(`the avatar page is ${overflow}px wider than a phone screen`);

    // The gallery lists it with its picture; its card leads back to the avatar.
    await page.getByRole('link', { name: 'Avatars', exact: true }).click();
    const card = page.locator(`a[href="#/avatars/${encodeURIComponent(avatarId)}"]`);
    await card.waitFor({ timeout: 15000 });
    await page.waitForFunction((sel) => {
      const img = document.querySelector(sel);
      return img && img.complete && img.naturalWidth > 0;
    }, `a[href="#/avatars/${encodeURIComponent(avatarId)}"] img`, { timeout: 30000 }).catch(() => fail('the gallery card shows no picture'));
    // Every card's picture (older avatars too) must load, or the card must say there is none.
    await page
      .waitForFunction(() => [...document.querySelectorAll('.gallery img')].every((i) => (i.getAttribute('src') && i.complete) || i.dataset.error), null, { timeout: 30000 })
      .catch(() => undefined);
    const broken = await page.evaluate(() => [...document.querySelectorAll('.gallery img')].filter((i) => i.naturalWidth === 0).map((i) => i.dataset.source ?? i.getAttribute('src')));
    for (const src of broken) {
      const r = await page.request.get(new URL(src, BASE).href, { headers: AUTH });
      log(`gallery picture not shown: ${src} → ${r.status()} ${r.headers()['content-type']} ${(await r.body()).length} bytes`);
    }
    await shot(page, 'avatars-gallery');
    await card.click();
    await waitForImage(page, '#avatar-preview', 60000);

    // Delete, through the confirmation dialog: the page goes to the gallery and the avatar is gone.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this avatar?' });
    await dialog.waitFor();
    await shot(page, 'delete-confirm');
    await dialog.getByRole('button', { name: 'Delete avatar' }).click();
    await page.waitForURL(/#\/avatars$/, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.gallery[aria-busy="false"]') !== null, null, { timeout: 15000 });
    if ((await page.locator(`a[href="#/avatars/${encodeURIComponent(avatarId)}"]`).count()) > 0) fail('the deleted avatar is still in the gallery');
    return `preview ${preview.w}x${preview.h} (${kindOf(previewSrc)}), frames ${before}→${after}, video readyState ${readyState}, ${duration.toFixed(2)} s (${kindOf(videoSrc)}), deleted`;
  },

  async key(page) {
    // Keys mode: the key goes into the footer field (sessionStorage); every later step runs with it.
    await open(page, '#/');
    await page.locator('.api-key summary').click();
    // A wrong key is checked once and not kept.
    await page.getByLabel(/Key for servers that require one/).fill('not-a-valid-key');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Not saved: /).waitFor({ timeout: 10000 });
    await page.getByLabel(/Key for servers that require one/).fill(env('API_KEY'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Key saved for this tab.').waitFor();
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() === 401) unauthorised.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    return 'wrong key refused, key saved';
  },

  async shots(page) {
    for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      await page.setViewportSize(viewport);
      await open(page, '#/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shot(page, `${name}-new-avatar`);
      await open(page, '#/avatars');
      await page.waitForFunction(() => document.querySelector('[aria-busy="false"]') !== null, null, { timeout: 15000 });
      await shot(page, `${name}-avatars`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content (same screen).
    await open(page, '#/avatars');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    if (!(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')))) fail('the first Tab does not reach the skip link');
    await page.keyboard.press('Enter');
    if (!(await page.evaluate(() => document.activeElement?.closest('main') !== null))) fail('the skip link does not lead into the main content');
    if (!page.url().endsWith('#/avatars') || (await page.getByRole('heading', { level: 1, name: 'Your avatars' }).count()) !== 1) fail('the skip link changed the screen');
    return 'phone and desktop screenshots, skip link';
  },
};

/** How a picture's URL reached the page: signed by the server, fetched with the key (blob:), or plain. */
function kindOf(src) {
  if (!src) return 'none';
  if (src.startsWith('blob:')) return 'blob';
  return /[?&]sig=/.test(src) ? 'signed' : 'plain';
}

const context = await launch();
let exitCode = 0;
try {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The security work sets a strict CSP: anything the page does against it shows up here and fails the run.
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) pageErrors.push(`CSP: ${m.text()}`);
  });
  for (const name of STEPS) {
    current = name;
    if (!steps[name]) fail(`unknown step`);
    const facts = await steps[name](page);
    if (pageErrors.length > 0) fail(`script errors in the page: ${pageErrors.join('; ')}`);
    if (unauthorised.length > 0) fail(`the server refused as unauthenticated: ${[...new Set(unauthorised)].join(', ')}`);
    log(`STEP ${name} OK ${facts}`);
  }
} catch (e) {
  exitCode = 1;
  console.log(`FAIL ${e.message.split('\n')[0]}`);
  try {
    const [page] = context.pages();
    if (page) await shot(page, `failure-${current}`);
  } catch {
    // the browser is gone: nothing to save
  }
} finally {
  await context.close();
}
process.exit(exitCode);
