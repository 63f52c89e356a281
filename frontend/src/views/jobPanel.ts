/**
 * One unit of work as a person sees it: upload progress, then the job's live progress and stage text,
 * a cancel button, and the outcome (or the server's error message). Progress is announced politely.
 */
import { cancelJob, canUseEventSource, getJob, jobEventsUrl, normaliseJob, type JobView } from '../api';
import { POLL_INTERVAL_MS } from '../config';
import { h, uid } from '../dom';
import { formatBytes, progressText } from '../format';
import { JobWatcher, type EventSourceLike } from '../jobEvents';
import { messageOf } from '../problem';

export interface JobPanel {
  element: HTMLElement;
  /** Upload phase: bytes sent of total. */
  uploading(loaded: number, total: number): void;
  /** Follows a job to its end; resolves with the terminal job (SUCCEEDED, FAILED or CANCELLED). */
  follow(jobId: string, stepLabel: string): Promise<JobView>;
  /** Shows a failure (an ApiError's message, a failed job's reason). */
  failed(message: string): void;
  succeeded(message: string): void;
  /** Lets the person cancel the upload before a job exists. */
  onCancelUpload(cancel: (() => void) | null): void;
  dispose(): void;
}

export function jobFailureMessage(job: JobView): string {
  if (job.status === 'CANCELLED') return 'Cancelled.';
  return job.errorMessage?.trim() || (job.errorCode ? `The job failed (${job.errorCode}).` : 'The job failed.');
}

export function createJobPanel(title: string): JobPanel {
  const labelId = uid('job');
  const progress = h('progress', { max: 100, 'aria-labelledby': labelId });
  const status = h('p', { class: 'job-status', role: 'status', 'aria-live': 'polite' }, 'Preparing…');
  const cancel = h('button', { type: 'button', class: 'button secondary small', hidden: true }, 'Cancel');
  const outcome = h('div', { class: 'job-outcome' });
  const element = h(
    'section',
    { class: 'job-panel', 'aria-labelledby': labelId },
    h('div', { class: 'job-head' }, h('h3', { id: labelId }, title), cancel),
    progress,
    status,
    outcome,
  );
  let watcher: JobWatcher | null = null;
  let cancelAction: (() => void) | null = null;

  cancel.addEventListener('click', () => {
    cancel.disabled = true;
    status.textContent = 'Cancelling…';
    cancelAction?.();
  });
  const showCancel = (action: (() => void) | null) => {
    cancelAction = action;
    cancel.hidden = action === null;
    cancel.disabled = false;
  };

  return {
    element,
    uploading(loaded, total) {
      const pct = total > 0 ? Math.round((loaded / total) * 100) : 0;
      progress.value = pct;
      status.textContent = loaded >= total ? 'Upload complete, starting…' : `Uploading · ${formatBytes(loaded)} of ${formatBytes(total)} (${pct}%)`;
    },
    onCancelUpload(action) {
      showCancel(action);
    },
    async follow(jobId, stepLabel) {
      progress.value = 0;
      progress.removeAttribute('value'); // indeterminate until the first event
      status.textContent = `${stepLabel}: waiting in line`;
      element.dataset.jobId = jobId;
      showCancel(() => {
        cancelJob(jobId).catch((e) => {
          status.textContent = messageOf(e);
          cancel.disabled = false;
        });
      });
      watcher = new JobWatcher(jobId, {
        getJob,
        openEvents: canUseEventSource() ? (id) => new EventSource(jobEventsUrl(id)) as unknown as EventSourceLike : null,
        normalise: normaliseJob,
        pollMs: POLL_INTERVAL_MS,
      });
      try {
        const job = await watcher.watch((job) => {
          if (job.status === 'RUNNING' || job.status === 'SUCCEEDED') progress.value = job.progress;
          status.textContent = `${stepLabel}: ${progressText(job)}`;
          element.dataset.status = job.status;
        });
        element.dataset.status = job.status;
        return job;
      } finally {
        showCancel(null);
        watcher = null;
      }
    },
    failed(message) {
      showCancel(null);
      element.dataset.status = 'FAILED';
      progress.value = 0;
      status.textContent = 'Stopped.';
      outcome.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, message)));
    },
    succeeded(message) {
      showCancel(null);
      progress.value = 100;
      status.textContent = message;
      outcome.replaceChildren();
    },
    dispose() {
      watcher?.stop();
    },
  };
}
