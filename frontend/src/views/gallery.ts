/** "Avatars": every avatar of the caller as a card with its preview and coverage, newest first, a page at a time. */
import { listAvatars, type AvatarView } from '../api';
import { errorBox, h } from '../dom';
import { formatDateTime, formatPercent } from '../format';
import { ApiError, messageOf } from '../problem';
import { setSource } from '../urls';
import type { View } from './view';

const PAGE_SIZE = 24;

export function avatarTitle(a: Pick<AvatarView, 'id' | 'name'>): string {
  return a.name?.trim() || `Avatar ${a.id.slice(0, 8)}`;
}

function card(a: AvatarView): HTMLElement {
  const title = avatarTitle(a);
  const picture = a.previewUrl
    ? h('img', { alt: `${title}, front view`, loading: 'lazy', width: 256, height: 256 })
    : h('div', { class: 'thumb-placeholder preview-placeholder', role: 'img', 'aria-label': `${title}: no preview yet` }, a.status === 'FAILED' ? 'Failed' : 'Building…');
  if (picture instanceof HTMLImageElement && a.previewUrl) {
    // A preview that cannot be loaded (deleted meanwhile, link expired) gets a neutral tile, not a broken icon.
    picture.addEventListener(
      'error',
      () => picture.replaceWith(h('div', { class: 'thumb-placeholder preview-placeholder', role: 'img', 'aria-label': `${title}: preview not available` }, 'No preview')),
      { once: true },
    );
    setSource(picture, a.previewUrl);
  }
  const facts = [
    formatDateTime(a.createdAt),
    a.textureCoverage != null ? `coverage ${formatPercent(a.textureCoverage)}` : null,
    a.status && a.status !== 'READY' ? a.status.toLowerCase() : null,
  ].filter(Boolean);
  return h(
    'li',
    { class: 'card avatar-card' },
    h('a', { href: `#/avatars/${encodeURIComponent(a.id)}`, class: 'card-link' }, picture, h('span', { class: 'card-title' }, title)),
    h('p', { class: 'muted' }, facts.join(' · ')),
  );
}

export function galleryView(): View {
  const list = h('div', { class: 'gallery', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading avatars…'));
  const element = h(
    'div',
    { class: 'view gallery-view' },
    h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, 'Your avatars'), h('a', { class: 'button primary', href: '#/' }, 'New avatar')),
    list,
  );
  let alive = true;
  const cards = h('ul', { class: 'cards' });
  const more = h('button', { type: 'button', class: 'button secondary' }, 'Show more');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  let page = 0;
  let shown = 0;

  const load = async () => {
    more.disabled = true;
    try {
      const { items, total } = await listAvatars(page, PAGE_SIZE);
      if (!alive) return;
      list.setAttribute('aria-busy', 'false');
      if (page === 0 && items.length === 0) {
        list.replaceChildren(h('div', { class: 'empty card' }, h('p', {}, 'No avatars yet.'), h('a', { href: '#/', class: 'button primary' }, 'Create your first avatar')));
        return;
      }
      if (page === 0) list.replaceChildren(count, cards, h('div', { class: 'actions' }, more));
      const firstNew = cards.children.length;
      for (const a of items) cards.appendChild(card(a));
      shown += items.length;
      page += 1;
      count.textContent = `${shown} of ${total} avatar${total === 1 ? '' : 's'}`;
      more.hidden = shown >= total || items.length === 0;
      more.disabled = false;
      // After "Show more", keyboard users continue at the first new card.
      if (page > 1) cards.children[firstNew]?.querySelector<HTMLElement>('a')?.focus();
    } catch (e) {
      if (!alive) return;
      list.setAttribute('aria-busy', 'false');
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 405);
      const box = missing ? h('div', { class: 'notice info' }, h('p', {}, 'This server has no avatar API yet: avatars appear here once it is installed.')) : errorBox(messageOf(e));
      if (page === 0) list.replaceChildren(box);
      else list.appendChild(box);
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  void load();

  return { element, dispose: () => (alive = false) };
}
