/**
 * The frames the server read, each with its face-tracking overlay (a toggle shows the plain frame). Overlay
 * URLs come from the tracking API's body (or the media body); a frame without a tracked face, or whose overlay
 * cannot be loaded, shows the plain frame.
 */
import { getMedia, getTracking, overlayUrlOf, type FrameTracking, type MediaView } from '../api';
import { h, uid } from '../dom';
import { messageOf } from '../problem';
import { setSource } from '../urls';

/** Most frames drawn per media: a 64-frame video would otherwise fetch 64 PNGs at once. */
const MAX_FRAMES = 64;

interface Tile {
  img: HTMLImageElement;
  overlay: string | null;
  plain: string;
}

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
  const tiles: Tile[] = [];
  const show = (tile: Tile) => setSource(tile.img, toggle.checked && tile.overlay ? tile.overlay : tile.plain);
  toggle.addEventListener('change', () => tiles.forEach(show));

  const draw = (media: MediaView, tracking: FrameTracking[], marker: Node) => {
    const byIndex = new Map(tracking.map((t) => [t.index, t]));
    for (const frame of media.frames.slice(0, MAX_FRAMES)) {
      const t = byIndex.get(frame.index);
      const tracked = t !== undefined && t.hasFace;
      const tile: Tile = {
        img: h('img', {
          alt: `Frame ${frame.index + 1}${media.frames.length > 1 ? ` of ${media.frames.length}` : ''}${tracked ? ', with the tracked face mesh' : t ? ', no face found' : ''}`,
          loading: 'lazy',
        }),
        overlay: tracked ? overlayUrlOf(frame, t) : null,
        plain: frame.url,
      };
      tile.img.addEventListener('error', () => {
        if (tile.overlay && tile.img.dataset.source === tile.overlay) {
          tile.overlay = null; // the overlay cannot be drawn: keep showing the frame itself
          show(tile);
        }
      });
      show(tile);
      tiles.push(tile);
      grid.insertBefore(h('li', {}, tile.img), marker);
    }
  };
  for (const source of sources) {
    // Each source keeps its place in the grid however fast its answers come back.
    const marker = grid.appendChild(document.createComment('frames'));
    const media = typeof source === 'string' ? getMedia(source) : Promise.resolve(source);
    media
      .then((m) =>
        getTracking(m.id)
          .catch(() => [] as FrameTracking[])
          .then((tracking) => draw(m, tracking, marker)),
      )
      .catch((e) => grid.insertBefore(h('li', { class: 'muted' }, messageOf(e)), marker));
  }
  return section;
}
