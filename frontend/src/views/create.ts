/** "New avatar": pick photos or a video, confirm consent, upload, watch ingestion then reconstruction. */
import { createAvatar, mediaPreviewUrl, newIdempotencyKey, type Accepted, type MediaView } from '../api';
import type { Limits } from '../config';
import { announce, errorBox, h } from '../dom';
import { ApiError, messageOf } from '../problem';
import { createFilePicker } from './filePicker';
import { createJobPanel, jobFailureMessage } from './jobPanel';
import { ingest, StepFailed } from './steps';
import type { View } from './view';

export function createView(limits: Limits, navigate: (hash: string) => void): View {
  const picker = createFilePicker({ purpose: 'subject', limits, label: '1. Photos or a video of the person' });
  const consent = h('input', { type: 'checkbox', id: 'consent', name: 'consent', required: true });
  const consentField = h(
    'fieldset',
    { class: 'consent' },
    h('legend', {}, '2. Consent'),
    h(
      'div',
      { class: 'check' },
      consent,
      h('label', { for: 'consent' }, 'The person shown agreed to have an avatar made of them, or I am that person.'),
    ),
  );
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create avatar');
  const formErrors = h('div', { class: 'form-errors' });
  const results = h('div', { class: 'results' });
  const form = h('form', { class: 'card form', novalidate: true, 'aria-describedby': 'create-intro' }, picker.element, consentField, formErrors, h('div', { class: 'actions' }, submit));
  const element = h(
    'div',
    { class: 'view create' },
    h('h1', { tabindex: '-1' }, 'Create an avatar'),
    h(
      'p',
      { id: 'create-intro', class: 'lede' },
      'Upload one or more photos of a face, or a short video. The service reads the frames, tracks the face and builds a 3D head avatar you can turn and animate.',
    ),
    form,
    results,
  );
  const panels: { dispose(): void }[] = [];

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  const run = async () => {
    const check = picker.check();
    const problems = [...check.errors];
    if (!consent.checked) problems.push('Confirm that the person shown agreed (or that it is you).');
    if (problems.length > 0) {
      formErrors.replaceChildren(errorBox('Please fix the following before sending:', problems));
      (check.ok ? consent : (picker.element.querySelector('input[type=file]') as HTMLElement)).focus();
      return;
    }
    formErrors.replaceChildren();
    submit.disabled = true;
    picker.setDisabled(true);
    const panel = createJobPanel('Reading your upload');
    panels.push(panel);
    results.replaceChildren(panel.element);
    panel.element.scrollIntoView({ block: 'nearest' });
    let media: MediaView;
    try {
      media = await ingest(picker.files(), panel);
    } catch (e) {
      panel.failed(e instanceof StepFailed ? e.message : messageOf(e));
      announce('Upload failed.');
      submit.disabled = false;
      picker.setDisabled(false);
      return;
    }
    panel.succeeded(`Read ${media.frames.length || media.frameCount || 0} frame${media.frames.length === 1 ? '' : 's'}.`);
    results.appendChild(mediaSummary(media));

    const avatarPanel = createJobPanel('Building the avatar');
    panels.push(avatarPanel);
    results.appendChild(avatarPanel.element);
    let accepted: Accepted;
    try {
      accepted = await createAvatar([media.id], consent.checked, { idempotencyKey: newIdempotencyKey() });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        avatarPanel.failed('This server cannot build avatars yet (its avatar API is not installed). The frames above were read successfully.');
      } else {
        avatarPanel.failed(messageOf(e));
      }
      submit.disabled = false;
      picker.setDisabled(false);
      return;
    }
    try {
      const job = await avatarPanel.follow(accepted.jobId, 'Building the avatar');
      if (job.status !== 'SUCCEEDED') {
        avatarPanel.failed(jobFailureMessage(job));
        submit.disabled = false;
        picker.setDisabled(false);
        return;
      }
      avatarPanel.succeeded('Avatar ready.');
      announce('Avatar ready. Opening it.');
      navigate(`#/avatars/${encodeURIComponent(accepted.id)}`);
    } catch (e) {
      avatarPanel.failed(messageOf(e));
      submit.disabled = false;
      picker.setDisabled(false);
    }
  };

  return {
    element,
    dispose: () => panels.forEach((p) => p.dispose()),
  };
}

/** The ingested media: its contact sheet and facts, so the person sees what the server read. */
export function mediaSummary(media: MediaView): HTMLElement {
  const facts: string[] = [];
  if (media.width && media.height) facts.push(`${media.width}×${media.height}`);
  if (media.durationSeconds) facts.push(`${media.durationSeconds.toFixed(1)} s`);
  if (media.fps) facts.push(`${Math.round(media.fps * 100) / 100} fps`);
  const frames = media.frames.length || media.frameCount || 0;
  facts.push(`${frames} frame${frames === 1 ? '' : 's'} extracted`);
  return h(
    'figure',
    { class: 'card media-summary' },
    h('img', { id: 'media-preview', src: media.previewUrl ?? mediaPreviewUrl(media.id), alt: `Contact sheet of the ${frames} frame${frames === 1 ? '' : 's'} read from your upload` }),
    h('figcaption', {}, facts.join(' · ')),
  );
}
