/**
 * Choosing files: a labelled file input plus a drop zone, client-side checks, thumbnails before sending.
 * Thumbnails are object URLs of the local files (CSP: img-src/media-src need `blob:`), revoked on removal.
 */
import type { Limits } from '../config';
import { append, clear, h, uid } from '../dom';
import { formatBytes, formatDuration } from '../format';
import { acceptAttribute, checkDimensions, checkDuration, checkSelection, kindOf, limitsSummary, type Purpose, type SelectionCheck } from '../validation';

export interface FilePicker {
  element: HTMLElement;
  files(): File[];
  /** The selection's check, including pixel-size and duration checks of files already read. */
  check(): SelectionCheck;
  clear(): void;
  setDisabled(disabled: boolean): void;
}

interface Entry {
  file: File;
  url: string;
  /** Found when the browser read the file (dimensions, duration). */
  error: string | null;
}

export function createFilePicker(options: { purpose: Purpose; limits: Limits; label: string; onChange?: () => void }): FilePicker {
  const { purpose, limits } = options;
  const inputId = uid('files');
  const hintId = uid('hint');
  const errorsId = uid('errors');
  let entries: Entry[] = [];

  const input = h('input', {
    id: inputId,
    type: 'file',
    class: 'visually-hidden',
    accept: acceptAttribute(purpose),
    multiple: purpose === 'subject',
    'aria-describedby': `${hintId} ${errorsId}`,
  });
  const chooseLabel = h('label', { for: inputId, class: 'button secondary' }, purpose === 'driver' ? 'Choose a video' : 'Choose files');
  const zone = h(
    'div',
    { class: 'dropzone' },
    h('p', { class: 'dropzone-title' }, purpose === 'driver' ? 'Drop a driving video here' : 'Drop photos or a video here'),
    h('p', { class: 'muted' }, 'or'),
    chooseLabel,
    input,
  );
  const hint = h('p', { id: hintId, class: 'hint' }, limitsSummary(limits, purpose));
  const errors = h('div', { id: errorsId, class: 'picker-errors', 'aria-live': 'assertive' });
  const list = h('ul', { class: 'thumbs', 'aria-label': 'Chosen files' });
  const summary = h('p', { class: 'muted picker-summary', 'aria-live': 'polite' });
  const element = h('fieldset', { class: 'picker' }, h('legend', {}, options.label), zone, hint, summary, list, errors);

  const render = () => {
    clear(list);
    for (const entry of entries) list.appendChild(thumb(entry));
    const check = currentCheck();
    summary.textContent = entries.length === 0 ? '' : `${entries.length} file${entries.length === 1 ? '' : 's'}, ${formatBytes(check.totalBytes)}`;
    clear(errors);
    if (entries.length > 0 && !check.ok) {
      append(errors, h('ul', { class: 'notice error' }, ...check.errors.map((e) => h('li', {}, e))));
    }
    options.onChange?.();
  };

  const thumb = (entry: Entry): HTMLElement => {
    const kind = kindOf(entry.file);
    const media =
      kind === 'image'
        ? h('img', { src: entry.url, alt: `Preview of ${entry.file.name}`, loading: 'lazy' })
        : kind === 'video'
          ? h('video', { src: entry.url, muted: true, preload: 'metadata', 'aria-label': `Preview of ${entry.file.name}` })
          : h('div', { class: 'thumb-placeholder', 'aria-hidden': 'true' }, '?');
    const remove = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${entry.file.name}` }, '×');
    remove.addEventListener('click', () => {
      URL.revokeObjectURL(entry.url);
      entries = entries.filter((e) => e !== entry);
      render();
      input.focus();
    });
    return h(
      'li',
      { class: entry.error ? 'thumb invalid' : 'thumb' },
      media,
      h('span', { class: 'thumb-name', title: entry.file.name }, entry.file.name),
      h('span', { class: 'thumb-size muted' }, formatBytes(entry.file.size)),
      remove,
    );
  };

  const currentCheck = (): SelectionCheck => {
    const base = checkSelection(
      entries.map((e) => e.file),
      limits,
      purpose,
    );
    const read = entries.map((e) => e.error).filter((e): e is string => e !== null);
    return read.length === 0 ? base : { ...base, ok: false, kind: null, errors: [...base.errors, ...read] };
  };

  /** Reads pixel size / duration in the browser; files it cannot read are left to the server to judge. */
  const inspect = (entry: Entry) => {
    const kind = kindOf(entry.file);
    if (kind === 'image') {
      const img = new Image();
      img.onload = () => {
        entry.error = checkDimensions(entry.file.name, img.naturalWidth, img.naturalHeight, limits);
        if (entry.error) render();
      };
      img.src = entry.url;
    } else if (kind === 'video') {
      const video = document.createElement('video');
      video.preload = 'metadata';
      video.onloadedmetadata = () => {
        entry.error =
          checkDuration(entry.file.name, video.duration, limits) ??
          checkDimensions(entry.file.name, video.videoWidth, video.videoHeight, limits);
        const label = list.querySelector(`li:nth-child(${entries.indexOf(entry) + 1}) .thumb-size`);
        if (label && Number.isFinite(video.duration)) label.textContent = `${formatBytes(entry.file.size)} · ${formatDuration(video.duration)}`;
        if (entry.error) render();
      };
      video.src = entry.url;
    }
  };

  const add = (files: FileList | File[]) => {
    const incoming = Array.from(files).map((file) => ({ file, url: URL.createObjectURL(file), error: null }));
    if (purpose === 'driver') {
      for (const e of entries) URL.revokeObjectURL(e.url);
      entries = incoming; // a driver is one video: a new choice replaces the old
    } else {
      entries = entries.concat(incoming);
    }
    render();
    for (const entry of incoming) inspect(entry);
  };

  input.addEventListener('change', () => {
    if (input.files && input.files.length > 0) add(input.files);
    input.value = '';
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = (event as DragEvent).dataTransfer?.files;
    if (files && files.length > 0) add(files);
  });

  return {
    element,
    files: () => entries.map((e) => e.file),
    check: currentCheck,
    clear: () => {
      for (const e of entries) URL.revokeObjectURL(e.url);
      entries = [];
      render();
    },
    setDisabled: (disabled) => {
      input.disabled = disabled;
      element.classList.toggle('disabled', disabled);
    },
  };
}
