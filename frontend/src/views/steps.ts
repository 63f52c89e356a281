/** Steps shared by "new avatar" and "add more frames": send files as media and wait for ingestion. */
import { getMedia, newIdempotencyKey, uploadMedia, type MediaView } from '../api';
import type { JobPanel } from './jobPanel';
import { jobFailureMessage } from './jobPanel';

export class StepFailed extends Error {}

/** Uploads files (progress, cancellable) and follows the ingestion job. Throws StepFailed with the reason. */
export async function ingest(files: File[], panel: JobPanel): Promise<MediaView> {
  const abort = new AbortController();
  panel.onCancelUpload(() => abort.abort());
  const accepted = await uploadMedia(files, {
    idempotencyKey: newIdempotencyKey(),
    signal: abort.signal,
    onProgress: (loaded, total) => panel.uploading(loaded, total),
  });
  panel.onCancelUpload(null);
  const job = await panel.follow(accepted.jobId, 'Reading frames');
  if (job.status !== 'SUCCEEDED') throw new StepFailed(jobFailureMessage(job));
  return getMedia(accepted.id);
}
