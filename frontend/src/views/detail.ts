/**
 * One avatar: preview, orbit clip, free-pose render, coverage figures and suggestions, the source frames
 * with their tracking overlay, "add more frames", "animate" and delete (with a confirmation dialog).
 */
import {
  addAvatarFrames,
  avatarRenderUrl,
  createAnimation,
  deleteAvatar,
  getAnimation,
  getAvatar,
  getMedia,
  mediaFrameUrl,
  mediaOverlayUrl,
  newIdempotencyKey,
  RENDER_CONTROLS,
  type AvatarView,
  type RenderParams,
} from '../api';
import type { Limits } from '../config';
import { announce, errorBox, h, uid } from '../dom';
import { formatDateTime, formatDuration, formatPercent } from '../format';
import { messageOf } from '../problem';
import { createFilePicker } from './filePicker';
import { createJobPanel, jobFailureMessage, type JobPanel } from './jobPanel';
import { ingest, StepFailed } from './steps';
import type { View } from './view';

export function detailView(id: string, limits: Limits, navigate: (hash: string) => void): View {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading avatar…'));
  const element = h('div', { class: 'view detail-view' }, h('p', {}, h('a', { href: '#/avatars' }, '← All avatars')), body);
  const panels: JobPanel[] = [];
  let alive = true;

  const load = () =>
    getAvatar(id)
      .then((avatar) => {
        if (!alive) return;
        body.setAttribute('aria-busy', 'false');
        body.replaceChildren(...renderAvatar(avatar, limits, panels, navigate, load));
      })
      .catch((e) => {
        if (!alive) return;
        body.setAttribute('aria-busy', 'false');
        body.replaceChildren(errorBox(messageOf(e)));
      });
  void load();

  return {
    element,
    dispose: () => {
      alive = false;
      panels.forEach((p) => p.dispose());
    },
  };
}

function renderAvatar(avatar: AvatarView, limits: Limits, panels: JobPanel[], navigate: (hash: string) => void, reload: () => Promise<void>): Node[] {
  const short = avatar.id.slice(0, 8);
  const head = h(
    'div',
    { class: 'view-head' },
    h('div', {}, h('h1', { tabindex: '-1' }, `Avatar ${short}`), h('p', { class: 'muted' }, `Created ${formatDateTime(avatar.createdAt)}`)),
    deleteButton(avatar, navigate),
  );

  const preview = h('img', { id: 'avatar-preview', src: avatar.previewUrl, alt: `Avatar ${short} rendered from the front`, width: 512, height: 512 });
  const orbit = h('video', { src: avatar.orbitUrl, controls: true, loop: true, muted: true, playsinline: true, preload: 'metadata', 'aria-label': `Avatar ${short} turning its head` });
  const visuals = h(
    'section',
    { class: 'visuals', 'aria-label': 'Views of the avatar' },
    h('figure', { class: 'card' }, preview, h('figcaption', {}, 'Front view')),
    h('figure', { class: 'card' }, orbit, h('figcaption', {}, 'Orbit')),
  );

  const figures = h(
    'section',
    { class: 'card figures', 'aria-labelledby': 'quality-title' },
    h('h2', { id: 'quality-title' }, 'Quality'),
    h(
      'dl',
      {},
      h('dt', {}, 'Texture coverage'),
      h('dd', {}, formatPercent(avatar.textureCoverage)),
      h('dt', {}, 'Pose coverage'),
      h('dd', {}, formatPercent(avatar.poseCoverage)),
      h('dt', {}, 'Frames used'),
      h('dd', {}, avatar.framesUsed != null ? String(avatar.framesUsed) : '–'),
      h('dt', {}, 'Model pack'),
      h('dd', {}, avatar.modelPack ?? '–'),
    ),
    avatar.suggestions.length > 0
      ? h('div', { class: 'suggestions' }, h('h3', {}, 'To improve it'), h('ul', {}, ...avatar.suggestions.map((s) => h('li', {}, s))))
      : h('p', { class: 'muted' }, 'No suggestions: coverage is good.'),
  );

  return [
    head,
    h('div', { class: 'detail-grid' }, visuals, figures),
    animate(avatar, limits, panels),
    poseExplorer(avatar),
    sourceFrames(avatar),
    addFrames(avatar, limits, panels, reload),
  ];
}

function poseExplorer(avatar: AvatarView): HTMLElement {
  const params: RenderParams = { yaw: 0, pitch: 0, roll: 0, jawOpen: 0, smile: 0 };
  const img = h('img', { src: avatarRenderUrl(avatar.id, params), alt: 'The avatar in the chosen pose', width: 384, height: 384 });
  const describe = () => `The avatar turned ${params.yaw}° left-right, ${params.pitch}° up-down, tilted ${params.roll}°, mouth open ${params.jawOpen}, smile ${params.smile}`;
  img.alt = describe();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const controls = RENDER_CONTROLS.map((c) => {
    const inputId = uid('pose');
    const output = h('output', { for: inputId }, String(params[c.name]));
    const input = h('input', { id: inputId, type: 'range', min: c.min, max: c.max, step: c.step, value: 0 });
    input.addEventListener('input', () => {
      params[c.name] = Number(input.value);
      output.textContent = input.value;
      clearTimeout(timer);
      // Rendering is server work: wait until the slider rests.
      timer = setTimeout(() => {
        img.src = avatarRenderUrl(avatar.id, params);
        img.alt = describe();
      }, 250);
    });
    return h('div', { class: 'slider' }, h('label', { for: inputId }, c.label), input, output);
  });
  return h(
    'section',
    { class: 'card pose', 'aria-labelledby': 'pose-title' },
    h('h2', { id: 'pose-title' }, 'Pose and expression'),
    h('div', { class: 'pose-grid' }, h('div', { class: 'sliders' }, ...controls), h('figure', {}, img)),
  );
}

function sourceFrames(avatar: AvatarView): HTMLElement {
  const toggle = h('input', { type: 'checkbox', id: 'overlay-toggle', checked: true });
  const grid = h('ul', { class: 'frames' });
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'frames-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'frames-title' }, 'Source frames'), h('div', { class: 'check' }, toggle, h('label', { for: 'overlay-toggle' }, 'Show face tracking'))),
    grid,
  );
  if (avatar.mediaIds.length === 0) {
    grid.replaceWith(h('p', { class: 'muted' }, 'The server did not list the source media of this avatar.'));
    return section;
  }
  const images: { img: HTMLImageElement; mediaId: string; n: number }[] = [];
  const plain = new Map<string, string>();
  const srcFor = (mediaId: string, n: number) => (toggle.checked ? mediaOverlayUrl(mediaId, n) : (plain.get(`${mediaId}/${n}`) ?? mediaFrameUrl(mediaId, n)));
  toggle.addEventListener('change', () => images.forEach(({ img, mediaId, n }) => (img.src = srcFor(mediaId, n))));
  for (const mediaId of avatar.mediaIds) {
    getMedia(mediaId)
      .then((media) => {
        for (const frame of media.frames.slice(0, 64)) {
          plain.set(`${mediaId}/${frame.index}`, frame.url);
          const img = h('img', { src: srcFor(mediaId, frame.index), alt: `Source frame ${frame.index + 1}`, loading: 'lazy' });
          // Without tracking for this frame, show the plain frame rather than a broken image.
          img.addEventListener('error', () => {
            if (img.src.endsWith('/overlay')) img.src = frame.url;
          });
          images.push({ img, mediaId, n: frame.index });
          grid.appendChild(h('li', {}, img));
        }
      })
      .catch((e) => grid.appendChild(h('li', { class: 'muted' }, messageOf(e))));
  }
  return section;
}

function addFrames(avatar: AvatarView, limits: Limits, panels: JobPanel[], reload: () => Promise<void>): HTMLElement {
  const picker = createFilePicker({ purpose: 'subject', limits, label: 'More photos or a video' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Add frames');
  const out = h('div', {});
  const form = h('form', { novalidate: true }, picker.element, h('div', { class: 'actions' }, submit), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const check = picker.check();
    if (!check.ok) {
      out.replaceChildren(errorBox('Please fix the following before sending:', check.errors));
      return;
    }
    submit.disabled = true;
    const panel = createJobPanel('Adding frames');
    panels.push(panel);
    out.replaceChildren(panel.element);
    try {
      const media = await ingest(picker.files(), panel);
      const accepted = await addAvatarFrames(avatar.id, [media.id], { idempotencyKey: newIdempotencyKey() });
      const job = await panel.follow(accepted.jobId, 'Updating the avatar');
      if (job.status !== 'SUCCEEDED') throw new StepFailed(jobFailureMessage(job));
      panel.succeeded('Frames added.');
      announce('Frames added. The avatar was updated.');
      await reload();
    } catch (e) {
      panel.failed(e instanceof StepFailed ? e.message : messageOf(e));
      submit.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'add-title' },
    h('h2', { id: 'add-title' }, 'Improve it'),
    h('p', { class: 'muted' }, 'Add photos from new angles: the avatar is updated without re-reading the old ones.'),
    form,
  );
}

function animate(avatar: AvatarView, limits: Limits, panels: JobPanel[]): HTMLElement {
  const picker = createFilePicker({ purpose: 'driver', limits, label: 'Driving video' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Animate');
  const out = h('div', { class: 'animation-out' });
  const form = h('form', { novalidate: true }, picker.element, h('div', { class: 'actions' }, submit), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const check = picker.check();
    if (!check.ok) {
      out.replaceChildren(errorBox('Please fix the following before sending:', check.errors));
      return;
    }
    submit.disabled = true;
    const panel = createJobPanel('Animating');
    panels.push(panel);
    out.replaceChildren(panel.element);
    try {
      const abort = new AbortController();
      panel.onCancelUpload(() => abort.abort());
      const accepted = await createAnimation(avatar.id, picker.files()[0], {
        idempotencyKey: newIdempotencyKey(),
        signal: abort.signal,
        onProgress: (loaded, total) => panel.uploading(loaded, total),
      });
      panel.onCancelUpload(null);
      const job = await panel.follow(accepted.jobId, 'Rendering');
      if (job.status !== 'SUCCEEDED') throw new StepFailed(jobFailureMessage(job));
      const animation = await getAnimation(accepted.id);
      panel.succeeded('Your video is ready.');
      announce('Your video is ready.');
      const video = h('video', { id: 'animation-video', src: animation.videoUrl, controls: true, playsinline: true, preload: 'auto', 'aria-label': `Avatar ${avatar.id.slice(0, 8)} driven by your video` });
      const facts = [animation.durationSeconds ? formatDuration(animation.durationSeconds) : null, animation.fps ? `${animation.fps} fps` : null].filter(Boolean).join(' · ');
      out.appendChild(
        h(
          'figure',
          { class: 'result' },
          video,
          h('figcaption', {}, facts || 'Result', ' · ', h('a', { href: animation.videoUrl, download: `avatar-${avatar.id.slice(0, 8)}-animation.mp4` }, 'Download MP4')),
        ),
      );
      submit.disabled = false;
    } catch (e) {
      panel.failed(e instanceof StepFailed ? e.message : messageOf(e));
      submit.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'animate-title' },
    h('h2', { id: 'animate-title' }, 'Animate'),
    h('p', { class: 'muted' }, 'Upload a video of someone talking or moving their head: the avatar follows their motion and expressions.'),
    form,
  );
}

function deleteButton(avatar: AvatarView, navigate: (hash: string) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'button danger' }, 'Delete');
  const error = h('div', {});
  const confirm = h('button', { type: 'button', class: 'button danger' }, 'Delete avatar');
  const keep = h('button', { type: 'button', class: 'button secondary', autofocus: true }, 'Keep it');
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-text' },
    h('h2', { id: 'delete-title' }, 'Delete this avatar?'),
    h('p', { id: 'delete-text' }, 'Its preview, renders, animations and saved state are removed for good. This cannot be undone.'),
    error,
    h('div', { class: 'actions' }, keep, confirm),
  );
  button.addEventListener('click', () => {
    error.replaceChildren();
    dialog.showModal();
  });
  keep.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => button.focus());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await deleteAvatar(avatar.id);
      dialog.close();
      announce('Avatar deleted.');
      navigate('#/avatars');
    } catch (e) {
      error.replaceChildren(errorBox(messageOf(e)));
    } finally {
      confirm.disabled = false;
    }
  });
  return h('div', {}, button, dialog);
}
