/** The page's entry: header links, hash routing between the three screens, the optional API key. */
import './styles.css';
import { apiKey, checkApiKey, getLimits, setApiKey } from './api';
import { LINKS, type Limits } from './config';
import { h } from './dom';
import { releaseBlobUrls } from './urls';
import { createView } from './views/create';
import { detailView } from './views/detail';
import { galleryView } from './views/gallery';
import type { View } from './views/view';

const main = document.getElementById('main') as HTMLElement;
let current: View | null = null;
let limitsPromise: Promise<Limits> | null = null;

function limits(): Promise<Limits> {
  limitsPromise ??= getLimits();
  return limitsPromise;
}

function navigate(hash: string): void {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

async function route(): Promise<void> {
  const hash = location.hash || '#/';
  // In-page anchors (the skip link's #main) are not screens: stay where we are.
  if (!hash.startsWith('#/') && current !== null) return;
  const l = await limits();
  current?.dispose();
  releaseBlobUrls(); // pictures fetched with the key for the old screen
  const avatar = /^#\/avatars\/([^/]+)$/.exec(hash);
  if (avatar) current = detailView(decodeURIComponent(avatar[1]), l, navigate);
  else if (hash === '#/avatars') current = galleryView();
  else current = createView(l, navigate);
  main.replaceChildren(current.element);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.top nav a[data-route]')) {
    const active = link.dataset.route === (avatar ? '#/avatars' : hash === '#/avatars' ? '#/avatars' : '#/');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Move focus to the new screen's heading so keyboard and screen-reader users start at the top of it.
  const heading = main.querySelector<HTMLElement>('h1');
  if (heading && document.activeElement !== document.body) heading.focus({ preventScroll: false });
  document.title = `${heading?.textContent ?? 'InvertAvatar'} · InvertAvatar`;
}

function header(): void {
  const docs = document.getElementById('doc-links');
  docs?.replaceChildren(
    h('a', { href: LINKS.swaggerUi }, 'API reference (Swagger UI)'),
    h('a', { href: LINKS.apiTour }, 'API tour'),
  );
  const keyInput = document.getElementById('api-key') as HTMLInputElement | null;
  const keyForm = document.getElementById('api-key-form') as HTMLFormElement | null;
  const keyStatus = document.getElementById('api-key-status');
  if (keyInput && keyForm && keyStatus) {
    keyStatus.textContent = apiKey() ? 'A key is set for this tab.' : 'No key set (not needed on a local server).';
    keyForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const key = keyInput.value.trim();
      if (key) {
        keyStatus.textContent = 'Checking the key…';
        const refused = await checkApiKey(key);
        if (refused) {
          keyStatus.textContent = `Not saved: ${refused}`;
          keyInput.focus();
          return;
        }
      }
      setApiKey(key || null);
      keyInput.value = '';
      keyStatus.textContent = apiKey() ? 'Key saved for this tab.' : 'Key cleared.';
      limitsPromise = null;
      void route();
    });
  }
}

header();
// The skip link moves focus without touching the hash, which holds the current screen.
document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => void route());
void route();
