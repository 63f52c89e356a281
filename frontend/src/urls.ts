/**
 * Pictures and videos the browser loads by URL (`<img>`, `<video>`, download links) cannot send an
 * Authorization header. The API therefore returns those URLs in its bodies: plain paths on a local server,
 * short-lived signed URLs on a server in keys mode. The page uses them as given. Only where a URL is neither
 * signed nor loadable without a key (keys mode, a URL the server did not sign), the page fetches it with the
 * header and shows it through a blob: URL, released when the screen is left.
 */
import { apiKey } from './api';
import { parseProblem } from './problem';

/** A URL the server signed (issue 9): it carries its own grant, so it needs no header. */
export function isSigned(url: string): boolean {
  const query = url.split('#')[0].split('?')[1];
  if (!query) return false;
  const params = new URLSearchParams(query);
  return params.has('sig') && params.has('exp');
}

/** Whether this URL must be fetched with the key: a key is set, and it is an unsigned URL of the API. */
export function needsKey(url: string, key: string | null = apiKey()): boolean {
  if (!key) return false;
  if (url.startsWith('blob:') || url.startsWith('data:')) return false;
  if (isSigned(url)) return false;
  let path: string;
  try {
    const base = typeof location !== 'undefined' ? location.href : 'http://localhost/';
    const parsed = new URL(url, base);
    if (typeof location !== 'undefined' && parsed.origin !== location.origin) return false;
    path = parsed.pathname;
  } catch {
    return false;
  }
  return path.startsWith('/api/');
}

const cache = new Map<string, Promise<string>>();
const created = new Set<string>();

/** Fetches `url` with the key and returns a blob: URL for it (one download per URL until released). */
export function blobUrl(url: string, key: string | null = apiKey()): Promise<string> {
  let pending = cache.get(url);
  if (!pending) {
    pending = (async () => {
      const response = await fetch(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        throw new Error(parseProblem(response.status, response.headers.get('content-type'), body).message);
      }
      const objectUrl = URL.createObjectURL(await response.blob());
      created.add(objectUrl);
      return objectUrl;
    })();
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending;
}

/** The URL to put into src/href: the same URL, or (keys mode, unsigned) a blob: URL of it. */
export async function usableUrl(url: string): Promise<string> {
  return needsKey(url) ? blobUrl(url) : url;
}

/** Frees every blob: URL made so far (called when the page moves to another screen). */
export function releaseBlobUrls(): void {
  for (const u of created) URL.revokeObjectURL(u);
  created.clear();
  cache.clear();
}

type Target = HTMLImageElement | HTMLVideoElement | HTMLAnchorElement;

/**
 * Points an element at a URL from the API. When the URL needs the key, the element gets a blob: URL once
 * fetched; if that fetch fails, the element receives an "error" event (as a failed load would) and the
 * server's message in `data-error`.
 */
export function setSource(el: Target, url: string, attribute?: 'poster'): void {
  const attr = attribute ?? (el instanceof HTMLAnchorElement ? 'href' : 'src');
  if (attribute) {
    // A secondary attribute (a video's poster): no error event, no bookkeeping of the main source.
    if (!needsKey(url)) el.setAttribute(attr, url);
    else blobUrl(url).then((u) => el.setAttribute(attr, u), () => undefined);
    return;
  }
  el.dataset.source = url;
  if (!needsKey(url)) {
    el.setAttribute(attr, url);
    return;
  }
  el.removeAttribute(attr);
  blobUrl(url).then(
    (objectUrl) => {
      if (el.dataset.source === url) el.setAttribute(attr, objectUrl);
    },
    (e: unknown) => {
      if (el.dataset.source !== url) return;
      el.dataset.error = e instanceof Error ? e.message : String(e);
      el.dispatchEvent(new Event('error'));
    },
  );
}
