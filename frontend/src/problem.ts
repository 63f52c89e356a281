/**
 * RFC 9457 problem bodies → one sentence a person can act on. The server's own wording (detail, then title)
 * wins; a body that is not problem JSON (an HTML error page, a proxy's text, a stack trace) is never shown.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  /** Field-level messages some validators add (`errors: [{field, message}]`). */
  fieldErrors: string[];
  /** What the page shows. */
  message: string;
}

const MAX_MESSAGE = 400;

export const KEY_HINT = 'Enter your API key under “API key” at the bottom of the page.';

/** Messages for statuses that arrive without a usable body (proxies, dropped connections). */
export function fallbackMessage(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 401) return 'The server needs an API key for this.';
  if (status === 403) return 'This link has expired or is not allowed. Reload the page and try again.';
  if (status === 404) return 'Not found: it may have been deleted.';
  if (status === 408 || status === 504) return 'The server took too long to answer. Try again.';
  if (status === 413) return 'The upload is larger than the server accepts.';
  if (status === 415) return 'The server does not accept this file type.';
  if (status === 429) return 'Too many requests right now. Wait a moment and try again.';
  if (status >= 500) return `The server could not complete the request (status ${status}). Try again later.`;
  return `The request was not accepted (status ${status}).`;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/** A server message must not leak internals into the page: drop anything that looks like a stack trace. */
function looksLikeInternals(message: string): boolean {
  return /\n\s+at [\w$.]+\(|Exception:|<html|<!doctype/i.test(message);
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

function fieldErrorsOf(body: Record<string, unknown>): string[] {
  const errors = body.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) => {
      if (typeof e === 'string') return text(e);
      if (e && typeof e === 'object') {
        const item = e as Record<string, unknown>;
        const message = text(item.message) ?? text(item.detail);
        const field = text(item.field) ?? text(item.pointer);
        return message && field ? `${field}: ${message}` : message;
      }
      return undefined;
    })
    .filter((m): m is string => m !== undefined && !looksLikeInternals(m))
    .map(clip);
}

/**
 * Parses a response body into a {@link Problem}. `contentType` may be null (XHR without headers);
 * the body is then tried as JSON anyway, since some servers send problems as application/json.
 */
export function parseProblem(status: number, contentType: string | null, body: string): Problem {
  let json: Record<string, unknown> | undefined;
  const maybeJson = !contentType || /json/i.test(contentType);
  if (maybeJson && body.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      json = undefined;
    }
  }
  const effectiveStatus = typeof json?.status === 'number' && json.status >= 400 ? json.status : status;
  const title = json ? text(json.title) : undefined;
  const detail = json ? text(json.detail) : undefined;
  const code = json ? text(json.code) ?? text(json.errorCode) : undefined;
  const fieldErrors = json ? fieldErrorsOf(json) : [];

  const candidates = [detail, title].filter((m): m is string => m !== undefined && !looksLikeInternals(m));
  let message = candidates[0] ?? fallbackMessage(effectiveStatus);
  // A bare generic title ("Bad Request") says less than the field messages beside it.
  if (fieldErrors.length > 0 && detail === undefined) message = fieldErrors.join(' ');
  return { status: effectiveStatus, title, detail, code, fieldErrors, message: clip(message) };
}

/** The error every API call rejects with: carries the parsed problem so views can branch on status/code. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

/** What to show for any thrown value: an ApiError's message, a network failure's, never `[object Object]`. */
export function messageOf(error: unknown): string {
  // A server in keys mode refused the call: say where the key goes.
  if (error instanceof ApiError && error.status === 401) return `${error.message} ${KEY_HINT}`;
  if (error instanceof ApiError) return error.message;
  if (error instanceof DOMException && error.name === 'AbortError') return 'Cancelled.';
  if (error instanceof TypeError) return fallbackMessage(0);
  if (error instanceof Error && error.message && !looksLikeInternals(error.message)) return clip(error.message);
  return 'Something went wrong. Try again.';
}
