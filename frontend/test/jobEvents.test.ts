import { describe, expect, it, vi } from 'vitest';
import { normaliseJob, type JobView } from '../src/api';
import { applyEvent, isTerminal, JobWatcher, type EventSourceLike } from '../src/jobEvents';

const start: JobView = { id: 'j1', status: 'QUEUED', progress: 0 };

describe('applyEvent', () => {
  it('folds a JSON job payload into the state', () => {
    const s = applyEvent(start, 'progress', '{"status":"RUNNING","progress":40,"stage":"extracting frames"}', normaliseJob);
    expect(s).toEqual({ id: 'j1', status: 'RUNNING', progress: 40, stage: 'extracting frames' });
  });

  it('keeps progress from going backwards within a status', () => {
    const running: JobView = { id: 'j1', status: 'RUNNING', progress: 60 };
    expect(applyEvent(running, 'message', '{"progress":50}', normaliseJob).progress).toBe(60);
    expect(applyEvent(running, 'message', '{"progress":70}', normaliseJob).progress).toBe(70);
  });

  it('takes plain text as stage and plain numbers as progress', () => {
    const running: JobView = { id: 'j1', status: 'RUNNING', progress: 10 };
    expect(applyEvent(running, 'stage', 'tracking faces', normaliseJob).stage).toBe('tracking faces');
    expect(applyEvent(running, 'progress', '35', normaliseJob).progress).toBe(35);
  });

  it('reads terminal outcomes from the event name when the payload has no status', () => {
    expect(applyEvent(start, 'done', '', normaliseJob)).toMatchObject({ status: 'SUCCEEDED', progress: 100 });
    expect(applyEvent(start, 'failed', '{"errorMessage":"No face was found."}', normaliseJob)).toMatchObject({ status: 'FAILED', errorMessage: 'No face was found.' });
  });

  it('ignores broken JSON and anything after a terminal state', () => {
    expect(applyEvent(start, 'message', '{not json', normaliseJob)).toEqual(start);
    const done: JobView = { id: 'j1', status: 'SUCCEEDED', progress: 100 };
    expect(applyEvent(done, 'message', '{"status":"RUNNING","progress":5}', normaliseJob)).toBe(done);
  });

  it('never lets a payload change the job id', () => {
    expect(applyEvent(start, 'message', '{"id":"other","status":"RUNNING"}', normaliseJob).id).toBe('j1');
  });

  it('knows the terminal statuses', () => {
    expect(['SUCCEEDED', 'FAILED', 'CANCELLED'].every(isTerminal)).toBe(true);
    expect(['QUEUED', 'RUNNING', undefined].some((s) => isTerminal(s))).toBe(false);
  });
});

class FakeSource implements EventSourceLike {
  listeners = new Map<string, ((e: { data?: unknown }) => void)[]>();
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  addEventListener(type: string, listener: (e: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  close() {
    this.closed = true;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('JobWatcher', () => {
  it('follows SSE events to the end and finishes with the full job from GET', async () => {
    const source = new FakeSource();
    const getJob = vi
      .fn<(id: string) => Promise<JobView>>()
      .mockResolvedValueOnce({ id: 'j1', status: 'QUEUED', progress: 0 })
      .mockResolvedValueOnce({ id: 'j1', status: 'FAILED', progress: 30, errorCode: 'NO_FACE', errorMessage: 'No face was found in any frame.' });
    const watcher = new JobWatcher('j1', { getJob, openEvents: () => source, normalise: normaliseJob, pollMs: 1 });
    const seen: string[] = [];
    const done = watcher.watch((j) => seen.push(`${j.status}:${j.progress}`));
    await flush();
    source.emit('progress', '{"status":"RUNNING","progress":30,"stage":"tracking"}');
    source.emit('message', '{"status":"FAILED","progress":30}');
    const job = await done;
    expect(job).toMatchObject({ status: 'FAILED', errorMessage: 'No face was found in any frame.' });
    expect(source.closed).toBe(true);
    expect(seen).toContain('RUNNING:30');
    expect(seen[seen.length - 1]).toBe('FAILED:30');
  });

  it('finishes at once when the job ended before it subscribed', async () => {
    const source = new FakeSource();
    const getJob = vi.fn(async () => ({ id: 'j1', status: 'SUCCEEDED', progress: 100 }) as JobView);
    const job = await new JobWatcher('j1', { getJob, openEvents: () => source, normalise: normaliseJob, pollMs: 1 }).watch(() => undefined);
    expect(job.status).toBe('SUCCEEDED');
    expect(source.closed).toBe(true);
  });

  it('falls back to polling when the stream breaks', async () => {
    const source = new FakeSource();
    const states: JobView[] = [
      { id: 'j1', status: 'RUNNING', progress: 10 },
      { id: 'j1', status: 'RUNNING', progress: 10 },
      { id: 'j1', status: 'RUNNING', progress: 80 },
      { id: 'j1', status: 'SUCCEEDED', progress: 100 },
      { id: 'j1', status: 'SUCCEEDED', progress: 100 },
    ];
    const getJob = vi.fn(async (): Promise<JobView> => states.shift() ?? { id: 'j1', status: 'SUCCEEDED', progress: 100 });
    const watcher = new JobWatcher('j1', { getJob, openEvents: () => source, normalise: normaliseJob, pollMs: 1, sleep: async () => undefined });
    const done = watcher.watch(() => undefined);
    await flush();
    source.onerror?.({});
    const job = await done;
    expect(job.status).toBe('SUCCEEDED');
    expect(source.closed).toBe(true);
    expect(getJob.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('polls without EventSource and gives up after repeated failures', async () => {
    const getJob = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const watcher = new JobWatcher('j1', { getJob, openEvents: null, normalise: normaliseJob, pollMs: 1, sleep: async () => undefined });
    await expect(watcher.watch(() => undefined)).rejects.toThrow('Failed to fetch');
    expect(getJob).toHaveBeenCalledTimes(5);
  });

  it('stop() closes the stream and rejects with AbortError', async () => {
    const source = new FakeSource();
    const watcher = new JobWatcher('j1', { getJob: () => new Promise(() => undefined), openEvents: () => source, normalise: normaliseJob, pollMs: 1 });
    const done = watcher.watch(() => undefined);
    watcher.stop();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.closed).toBe(true);
  });
});
