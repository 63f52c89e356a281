/**
 * One avatar: preview, orbit clip, free-pose render, coverage figures and suggestions, the source frames
 * with their tracking overlay, "add more frames", "animate" and delete (with a confirmation dialog).
 */
import {
  addAvatarFrames,
  avatarRenderUrl,
  createAnimation,
  deleteAnimation,
  deleteAvatar,
  getAnimation,
  getAvatar,
  listAnimations,
  newIdempotencyKey,
  RENDER_CONTROLS,
  type AnimationView,
  type AvatarView,
  type RenderParams,
} from '../api';
import type { Limits } from '../config';
import { announce, errorBox, h, uid } from '../dom';
import { formatDateTime, formatDuration, formatPercent } from '../format';
import { messageOf } from '../problem';
import { setSource } from '../urls';
import { createFilePicker } from './filePicker';
import { avatarTitle } from './gallery';
import { framesSection } from './frames';
import { createJobPanel, jobFailureMessage, type JobPanel } from './jobPanel';
import { ingest, StepFailed } from './steps';
import type { View } from './view';

export function detailView(id: string, limits: Limits, navigate: (hash: string) => void): View {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading avatar…'));
  const element = h('div', { class: 'view detail-view' }, h('p', {}, h('a', { href: '#/avatars' }, '← All avatars')), body);
  const panels: JobPanel[] = [];
  let alive = true;

  /** Draws the avatar afresh; `notice` (what just happened) is shown above it and announced. */
  const load = (notice?: string): Promise<void> =>
    getAvatar(id)
      .then((avatar) => {
        if (!alive) return;
        body.setAttribute('aria-busy', 'false');
        const parts = renderAvatar(avatar, limits, panels, navigate, load);
        if (notice) parts.splice(1, 0, h('div', { class: 'notice success', role: 'status' }, h('p', {}, notice)));
        body.replaceChildren(...parts);
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

const CONSENT_TEXT: Record<string, string> = {
  SUBJECT_AGREED: 'the person shown agreed',
  CALLER_IS_SUBJECT: 'made by the person shown',
};

function renderAvatar(avatar: AvatarView, limits: Limits, panels: JobPanel[], navigate: (hash: string) => void, reload: (notice?: string) => Promise<void>): Node[] {
  const title = avatarTitle(avatar);
  const facts = [
    `Created ${formatDateTime(avatar.createdAt)}`,
    avatar.version ? `version ${avatar.version}` : null,
    avatar.consentBasis ? `consent: ${CONSENT_TEXT[avatar.consentBasis] ?? avatar.consentBasis}` : null,
  ].filter(Boolean);
  const head = h(
    'div',
    { class: 'view-head' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), h('p', { class: 'muted' }, facts.join(' · '))),
    deleteButton(avatar, navigate),
  );

  const status: Node[] = [];
  if (avatar.status === 'BUILDING' && avatar.jobId) {
    // Still being built (or updated with new frames): follow its job here, then show the result.
    const panel = createJobPanel('Building the avatar');
    panels.push(panel);
    status.push(panel.element);
    panel
      .follow(avatar.jobId, 'Building the avatar')
      .then((job) => {
        if (job.status === 'SUCCEEDED') void reload('The avatar is ready.'); else panel.failed(jobFailureMessage(job));
      })
      .catch((e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) panel.failed(messageOf(e));
      });
  } else if (avatar.status === 'FAILED') {
    status.push(errorBox(avatar.errorMessage?.trim() || 'Building this avatar failed.'));
  }

  const preview = h('img', { id: 'avatar-preview', alt: `${title} rendered from the front`, width: 512, height: 512 });
  if (avatar.previewUrl) setSource(preview, avatar.previewUrl);
  const orbit = h('video', { id: 'avatar-orbit', controls: true, loop: true, muted: true, playsinline: true, preload: 'metadata', 'aria-label': `${title} turning its head` });
  if (avatar.orbitUrl) setSource(orbit, avatar.orbitUrl);
  if (avatar.previewUrl) setSource(orbit, avatar.previewUrl, 'poster'); // a picture before it plays
  const notYet = (what: string) => h('div', { class: 'thumb-placeholder preview-placeholder', role: 'img', 'aria-label': `No ${what} yet` }, avatar.status === 'FAILED' ? 'Not available' : 'Not built yet');
  const visuals = h(
    'section',
    { class: 'visuals', 'aria-label': 'Views of the avatar' },
    h('figure', { class: 'card' }, avatar.previewUrl ? preview : notYet('front view'), h('figcaption', {}, 'Front view')),
    h('figure', { class: 'card' }, avatar.orbitUrl ? orbit : notYet('orbit clip'), h('figcaption', {}, 'Orbit')),
  );

  // Before the first build the server reports zeros: show "–" rather than a misleading 0 %.
  const built = avatar.previewUrl !== null || (avatar.version ?? 1) > 0;
  const figures = h(
    'section',
    { class: 'card figures', 'aria-labelledby': 'quality-title' },
    h('h2', { id: 'quality-title' }, 'Quality'),
    h(
      'dl',
      {},
      h('dt', {}, 'Texture coverage'),
      h('dd', { id: 'texture-coverage' }, built ? formatPercent(avatar.textureCoverage) : '–'),
      h('dt', {}, 'Pose coverage'),
      h('dd', { id: 'pose-coverage' }, built ? formatPercent(avatar.poseCoverage) : '–'),
      h('dt', {}, 'Frames used'),
      h('dd', { id: 'frames-used' }, built && avatar.framesUsed != null ? String(avatar.framesUsed) : '–'),
      h('dt', {}, 'Model pack'),
      h('dd', {}, avatar.modelPack ?? '–'),
    ),
    avatar.suggestions.length > 0
      ? h('div', { class: 'suggestions' }, h('h3', {}, 'To improve it'), h('ul', {}, ...avatar.suggestions.map((s) => h('li', {}, s))))
      : h('p', { class: 'muted' }, avatar.status === 'READY' ? 'No suggestions: coverage is good.' : 'Suggestions appear once the avatar is built.'),
  );

  const ready = avatar.status === undefined || avatar.status === 'READY';
  return [
    head,
    ...status,
    h('div', { class: 'detail-grid' }, visuals, figures),
    ready ? animate(avatar, limits, panels) : null,
    ready ? poseExplorer(avatar) : null,
    framesSection('Source frames', avatar.mediaIds),
    avatar.status !== 'BUILDING' ? addFrames(avatar, limits, panels, reload) : null,
  ].filter((n): n is HTMLElement => n !== null);
}

function poseExplorer(avatar: AvatarView): HTMLElement {
  const params: RenderParams = { yaw: 0, pitch: 0, roll: 0, jawOpen: 0, smile: 0 };
  const img = h('img', { alt: 'The avatar in the chosen pose', width: 384, height: 384 });
  setSource(img, avatarRenderUrl(avatar.id, params));
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
        setSource(img, avatarRenderUrl(avatar.id, params));
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

function addFrames(avatar: AvatarView, limits: Limits, panels: JobPanel[], reload: (notice?: string) => Promise<void>): HTMLElement {
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
      await reload('Frames added: the avatar was updated.');
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
      out.appendChild(animationFigure(avatar, animation, 'animation-video'));
      submit.disabled = false;
    } catch (e) {
      panel.failed(e instanceof StepFailed ? e.message : messageOf(e));
      submit.disabled = false;
    }
  });
  const earlier = h('div', { class: 'earlier-animations' });
  listAnimations(avatar.id)
    .then((items) => {
      const done = items.filter((a) => a.videoUrl && (a.status === undefined || a.status === 'READY'));
      if (done.length === 0) return;
      const list = h('ul', { class: 'animation-list' });
      for (const a of done) {
        const remove = h('button', { type: 'button', class: 'button secondary small' }, 'Delete video');
        const li = h('li', {}, animationFigure(avatar, a, null), remove);
        remove.addEventListener('click', async () => {
          remove.disabled = true;
          try {
            await deleteAnimation(a.id);
            li.remove();
            announce('Video deleted.');
          } catch (e) {
            li.appendChild(errorBox(messageOf(e)));
            remove.disabled = false;
          }
        });
        list.appendChild(li);
      }
      earlier.replaceChildren(h('h3', {}, 'Earlier videos'), list);
    })
    .catch(() => undefined); // the list is a convenience: the form works without it
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'animate-title' },
    h('h2', { id: 'animate-title' }, 'Animate'),
    h('p', { class: 'muted' }, 'Upload a video of someone talking or moving their head: the avatar follows their motion and expressions.'),
    form,
    earlier,
  );
}

/** A rendered animation: the player and a download link, both from the animation body's URL. */
function animationFigure(avatar: AvatarView, animation: AnimationView, id: string | null): HTMLElement {
  const video = h('video', { id, controls: true, playsinline: true, preload: id ? 'auto' : 'metadata', 'aria-label': `${avatarTitle(avatar)} driven by your video` });
  const download = h('a', { download: `avatar-${avatar.id.slice(0, 8)}-animation-${animation.id.slice(0, 8)}.mp4` }, 'Download MP4');
  if (animation.videoUrl) {
    setSource(video, animation.videoUrl);
    setSource(download, animation.videoUrl);
  }
  const facts = [
    animation.durationSeconds ? formatDuration(animation.durationSeconds) : null,
    animation.fps ? `${animation.fps} fps` : null,
    animation.createdAt && !id ? formatDateTime(animation.createdAt) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return h('figure', { class: 'result' }, video, h('figcaption', {}, facts || 'Result', ' · ', download));
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
    h('p', { id: 'delete-text' }, `${avatarTitle(avatar)}, its preview, orbit clip and every video made from it are removed for good. This cannot be undone.`),
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
