/** "Avatars": every avatar of the caller as a card with its preview and coverage. */
import { listAvatars } from '../api';
import { errorBox, h } from '../dom';
import { formatDateTime, formatPercent } from '../format';
import { ApiError, messageOf } from '../problem';
import type { View } from './view';

export function galleryView(): View {
  const list = h('div', { class: 'gallery', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading avatars…'));
  const element = h(
    'div',
    { class: 'view gallery-view' },
    h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, 'Your avatars'), h('a', { class: 'button primary', href: '#/' }, 'New avatar')),
    list,
  );
  let alive = true;

  listAvatars()
    .then((avatars) => {
      if (!alive) return;
      list.setAttribute('aria-busy', 'false');
      if (avatars.length === 0) {
        list.replaceChildren(
          h('div', { class: 'empty card' }, h('p', {}, 'No avatars yet.'), h('a', { href: '#/', class: 'button primary' }, 'Create your first avatar')),
        );
        return;
      }
      list.replaceChildren(
        h(
          'ul',
          { class: 'cards' },
          ...avatars.map((a) =>
            h(
              'li',
              { class: 'card avatar-card' },
              h(
                'a',
                { href: `#/avatars/${encodeURIComponent(a.id)}`, class: 'card-link' },
                h('img', { src: a.previewUrl, alt: `Avatar ${a.id.slice(0, 8)}, front view`, loading: 'lazy', width: 256, height: 256 }),
                h('span', { class: 'card-title' }, `Avatar ${a.id.slice(0, 8)}`),
              ),
              h(
                'p',
                { class: 'muted' },
                [formatDateTime(a.createdAt), a.textureCoverage != null ? `coverage ${formatPercent(a.textureCoverage)}` : null, a.status && a.status !== 'READY' ? a.status.toLowerCase() : null]
                  .filter(Boolean)
                  .join(' · '),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => {
      if (!alive) return;
      list.setAttribute('aria-busy', 'false');
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 405);
      list.replaceChildren(
        missing ? h('div', { class: 'notice info' }, h('p', {}, 'This server has no avatar API yet: avatars appear here once it is installed.')) : errorBox(messageOf(e)),
      );
    });

  return { element, dispose: () => (alive = false) };
}
