/** "New avatar": pick photos or a video, confirm consent, upload, watch ingestion then reconstruction. */
import { createAvatar, newIdempotencyKey, type Accepted, type ConsentBasis, type MediaView } from '../api';
import type { Limits } from '../config';
import { announce, errorBox, h } from '../dom';
import { ApiError, messageOf } from '../problem';
import { setSource } from '../urls';
import { createFilePicker } from './filePicker';
import { framesSection } from './frames';
import { createJobPanel, jobFailureMessage } from './jobPanel';
import { ingest, StepFailed } from './steps';
import type { View } from './view';

export function createView(limits: Limits, navigate: (hash: string) => void): View {
  const picker = createFilePicker({ purpose: 'subject', limits, label: '1. Photos or a video of the person' });
  // Consent is required by the API (issue 9): the checkbox gates sending, the choice says on what basis.
  const consent = h('input', { type: 'checkbox', id: 'consent', name: 'consent', required: true, 'aria-describedby': 'consent-basis-legend' });
  const agreed = h('input', { type: 'radio', id: 'consent-agreed', name: 'consent-basis', value: 'SUBJECT_AGREED', checked: true });
  const self = h('input', { type: 'radio', id: 'consent-self', name: 'consent-basis', value: 'CALLER_IS_SUBJECT' });
  const name = h('input', { type: 'text', id: 'avatar-name', name: 'name', maxlength: 100, autocomplete: 'off' });
  const consentField = h(
    'fieldset',
    { class: 'consent' },
    h('legend', {}, '2. Consent'),
    h(
      'div',
      { class: 'check' },
      consent,
      h('label', { for: 'consent' }, 'I have the consent of the person shown to make an avatar of them.'),
    ),
    h(
      'fieldset',
      { class: 'basis' },
      h('legend', { id: 'consent-basis-legend' }, 'Who is shown'),
      h('div', { class: 'check' }, agreed, h('label', { for: 'consent-agreed' }, 'The person shown agreed to it')),
      h('div', { class: 'check' }, self, h('label', { for: 'consent-self' }, 'I am the person shown')),
    ),
    h('div', { class: 'field' }, h('label', { for: 'avatar-name' }, 'Name (optional)'), name),
  );
  const basis = (): ConsentBasis => (self.checked ? 'CALLER_IS_SUBJECT' : 'SUBJECT_AGREED');
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
    if (!consent.checked) problems.push('Confirm that you have the consent of the person shown (or that it is you).');
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
    results.appendChild(framesSection('Frames read', [media]));

    const avatarPanel = createJobPanel('Building the avatar');
    panels.push(avatarPanel);
    results.appendChild(avatarPanel.element);
    let accepted: Accepted;
    try {
      accepted = await createAvatar([media.id], basis(), { idempotencyKey: newIdempotencyKey(), name: name.value });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        avatarPanel.unavailable('This server cannot build avatars yet (its avatar API is not installed). Your frames were read successfully: see above.');
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
  const sheet = h('img', { id: 'media-preview', alt: `Contact sheet of the ${frames} frame${frames === 1 ? '' : 's'} read from your upload` });
  if (media.previewUrl) setSource(sheet, media.previewUrl);
  return h('figure', { class: 'card media-summary' }, media.previewUrl ? sheet : null, h('figcaption', {}, facts.join(' · ')));
}
