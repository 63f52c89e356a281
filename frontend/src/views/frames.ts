/**
 * The frames the server read, each with its face-tracking overlay (a toggle shows the plain frame). A frame
 * without tracking (no face found, or a server without the tracking API) falls back to the plain frame.
 */
import { getMedia, mediaOverlayUrl, type MediaView } from '../api';
import { h, uid } from '../dom';
import { messageOf } from '../problem';

/** Most frames drawn per media: a 64-frame video would otherwise fetch 64 PNGs at once. */
const MAX_FRAMES = 64;

export function framesSection(title: string, sources: readonly (MediaView | string)[]): HTMLElement {
  const toggleId = uid('overlay');
  const titleId = uid('frames-title');
  const toggle = h('input', { type: 'checkbox', id: toggleId, checked: true });
  const grid = h('ul', { class: 'frames' });
  const section = h(
    'section',
    { class: 'card frames-section', 'aria-labelledby': titleId },
    h('div', { class: 'section-head' }, h('h2', { id: titleId }, title), h('div', { class: 'check' }, toggle, h('label', { for: toggleId }, 'Show face tracking'))),
    grid,
  );
  if (sources.length === 0) {
    grid.replaceWith(h('p', { class: 'muted' }, 'The server did not list the source frames.'));
    return section;
  }
  const tiles: { img: HTMLImageElement; overlay: string; plain: string }[] = [];
  const show = (tile: { img: HTMLImageElement; overlay: string; plain: string }) => {
    tile.img.src = toggle.checked ? tile.overlay : tile.plain;
  };
  toggle.addEventListener('change', () => tiles.forEach(show));

  const draw = (media: MediaView) => {
    for (const frame of media.frames.slice(0, MAX_FRAMES)) {
      const tile = {
        img: h('img', { alt: `Frame ${frame.index + 1}${media.frames.length > 1 ? ` of ${media.frames.length}` : ''}`, loading: 'lazy' }),
        overlay: mediaOverlayUrl(media.id, frame.index),
        plain: frame.url,
      };
      tile.img.addEventListener('error', () => {
        if (tile.img.src.endsWith(tile.overlay)) {
          tile.overlay = tile.plain; // no tracking for this frame: keep showing the frame itself
          tile.img.src = tile.plain;
        }
      });
      show(tile);
      tiles.push(tile);
      grid.appendChild(h('li', {}, tile.img));
    }
  };
  for (const source of sources) {
    if (typeof source === 'string') {
      getMedia(source)
        .then(draw)
        .catch((e) => grid.appendChild(h('li', { class: 'muted' }, messageOf(e))));
    } else {
      draw(source);
    }
  }
  return section;
}
