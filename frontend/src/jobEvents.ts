/**
 * Following a job to its end: Server-Sent Events from /api/v1/jobs/{id}/events while they flow, polling
 * GET /api/v1/jobs/{id} when they cannot (no EventSource, an API key that EventSource cannot send, a proxy
 * that drops the stream). Always finishes with one GET so the final state has every field (error message).
 */
import type { JobStatus, JobView } from './api';

export const TERMINAL: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function isTerminal(status: string | undefined): boolean {
  return TERMINAL.includes(status as JobStatus);
}

/** The SSE event names the page listens to besides the default "message". */
export const EVENT_NAMES = ['progress', 'status', 'job', 'stage', 'done', 'completed', 'failed', 'cancelled'] as const;

/**
 * Folds one SSE event into the job state. The payload is the job (or part of it) as JSON; a payload that is
 * not JSON is taken as stage text; an event named after a terminal outcome without a status sets it.
 * Progress never goes backwards within a status (events can arrive out of order after a reconnect).
 */
export function applyEvent(
  state: JobView,
  eventName: string,
  data: string,
  normalise: (body: Record<string, unknown>, id: string) => Partial<JobView>,
): JobView {
  let patch: Partial<JobView> = {};
  const trimmed = data.trim();
  if (trimmed.startsWith('{')) {
    try {
      patch = normalise(JSON.parse(trimmed) as Record<string, unknown>, state.id);
    } catch {
      patch = {};
    }
  } else if (trimmed.length > 0 && /^\d+(\.\d+)?$/.test(trimmed)) {
    patch = { progress: Number(trimmed) };
  } else if (trimmed.length > 0) {
    patch = { stage: trimmed };
  }
  if (!patch.status) {
    const byName: Record<string, JobStatus> = { done: 'SUCCEEDED', completed: 'SUCCEEDED', failed: 'FAILED', cancelled: 'CANCELLED' };
    if (byName[eventName]) patch.status = byName[eventName];
  }
  if (isTerminal(state.status)) return state; // a finished job stays finished
  const next: JobView = { ...state, ...patch, id: state.id };
  if (next.status === state.status && typeof patch.progress === 'number' && patch.progress < state.progress) {
    next.progress = state.progress;
  }
  if (next.status === 'SUCCEEDED') next.progress = 100;
  return next;
}

/** The browser's EventSource, reduced to what the watcher uses (tests pass a fake). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
  onerror: ((event: unknown) => void) | null;
}

export interface WatcherDeps {
  getJob(id: string): Promise<JobView>;
  /** null when SSE cannot be used. */
  openEvents: ((id: string) => EventSourceLike) | null;
  normalise: (body: Record<string, unknown>, id: string) => Partial<JobView>;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Follows one job. `onUpdate` sees every change; the returned promise resolves with the terminal job,
 * or rejects if `stop()` is called first (the view went away) with an AbortError.
 */
export class JobWatcher {
  private source: EventSourceLike | null = null;
  private stopped = false;
  private state: JobView;
  private pollingStarted = false;
  private finish: ((job: JobView) => void) | null = null;
  private fail: ((e: unknown) => void) | null = null;

  constructor(
    readonly jobId: string,
    private readonly deps: WatcherDeps,
  ) {
    this.state = { id: jobId, status: 'QUEUED', progress: 0 };
  }

  watch(onUpdate: (job: JobView) => void): Promise<JobView> {
    return new Promise<JobView>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      const update = (job: JobView) => {
        if (this.stopped) return;
        const changed =
          job.status !== this.state.status || job.progress !== this.state.progress || job.stage !== this.state.stage;
        this.state = job;
        if (changed) onUpdate(job);
        if (isTerminal(job.status)) void this.complete(onUpdate);
      };
      if (this.deps.openEvents) {
        try {
          const source = this.deps.openEvents(this.jobId);
          this.source = source;
          const handler = (name: string) => (event: { data?: unknown }) =>
            update(applyEvent(this.state, name, typeof event.data === 'string' ? event.data : '', this.deps.normalise));
          source.addEventListener('message', handler('message'));
          for (const name of EVENT_NAMES) source.addEventListener(name, handler(name));
          // The stream ends when the job does, or breaks: either way, let GET say where the job stands.
          source.onerror = () => {
            this.closeSource();
            this.startPolling(update);
          };
          // Events only report changes: a job that finished before we subscribed would send nothing.
          void this.deps.getJob(this.jobId).then(update, () => undefined);
          return;
        } catch {
          this.closeSource();
        }
      }
      this.startPolling(update);
    });
  }

  /** Stops following: closes the stream, ends polling, rejects the pending watch. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.closeSource();
    this.fail?.(new DOMException('Stopped watching', 'AbortError'));
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  private startPolling(update: (job: JobView) => void): void {
    if (this.pollingStarted || this.stopped) return;
    this.pollingStarted = true;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    void (async () => {
      let failures = 0;
      while (!this.stopped && !isTerminal(this.state.status)) {
        try {
          update(await this.deps.getJob(this.jobId));
          failures = 0;
        } catch (e) {
          // A few network blips are tolerated; a lasting failure (job deleted, server gone) ends the watch.
          if (++failures >= 5) {
            this.stopped = true;
            this.closeSource();
            this.fail?.(e);
            return;
          }
        }
        if (!this.stopped && !isTerminal(this.state.status)) await sleep(this.deps.pollMs * Math.min(1 + failures, 5));
      }
    })();
  }

  private async complete(onUpdate: (job: JobView) => void): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.closeSource();
    let final = this.state;
    try {
      // SSE payloads may omit the error message: the final GET has it.
      const full = await this.deps.getJob(this.jobId);
      if (isTerminal(full.status)) final = { ...final, ...full };
    } catch {
      // keep what the events said
    }
    if (final !== this.state) onUpdate(final);
    this.finish?.(final);
  }
}
