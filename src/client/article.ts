/**
 * Article page island. Without it the page still works: the play link goes to the video's own
 * page and an image link opens the full-size file. With it:
 *  - video: the play link is swapped for the player only when pressed, so nothing third-party
 *    loads before the reader asks for it;
 *  - images: a[data-zoom] opens the image in a modal <dialog class="lightbox">, fitted to the
 *    screen; a click on it shows it at its own size (a map's detail), scrolled to where it was clicked.
 * (Optional chaining is avoided on purpose: esbuild lowers it for Chrome 90, which costs bytes.)
 */

/** A plain left click: no modifier, so the reader does not want a new tab or window. */
function plain(e: MouseEvent): boolean {
  return e.button === 0 && !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey);
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}

function text(node: Element | null): string {
  return node ? (node.textContent || '').trim() : '';
}

function initVideo(doc: Document, figure: HTMLElement): void {
  const link = figure.querySelector<HTMLAnchorElement>('a[data-play]');
  if (!link) return;
  link.addEventListener('click', (e) => {
    if (!plain(e)) return;
    e.preventDefault();
    let player: HTMLIFrameElement | HTMLVideoElement;
    if (figure.dataset.video === 'file') {
      player = el(doc, 'video', 'video-frame');
      player.controls = player.autoplay = player.playsInline = true;
    } else {
      player = el(doc, 'iframe', 'video-frame');
      player.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      player.allowFullscreen = true;
      player.title = text(link.querySelector('.video-label'));
      player.setAttribute('loading', 'eager');
    }
    player.src = figure.dataset.embed || '';
    link.replaceWith(player);
    player.focus();
  });
}

function initLightbox(doc: Document): void {
  const dialog = el(doc, 'dialog', 'lightbox');
  const close = el(doc, 'button', 'lightbox-close');
  const figure = el(doc, 'figure');
  const image = el(doc, 'img');
  const caption = el(doc, 'figcaption');
  let opener: HTMLElement = doc.body;

  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', doc.documentElement.dataset.closeLabel || 'Close');
  close.addEventListener('click', () => dialog.close());
  // The dialog fills the viewport: a click anywhere but the image or its caption is a backdrop click.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || e.target === figure) dialog.close();
  });
  dialog.addEventListener('close', () => opener.focus());
  image.addEventListener('click', (e) => {
    const box = image.getBoundingClientRect();
    dialog.classList.toggle('is-full');
    dialog.scrollTo(
      image.offsetLeft + ((e.clientX - box.left) / box.width) * image.offsetWidth - dialog.clientWidth / 2,
      image.offsetTop + ((e.clientY - box.top) / box.height) * image.offsetHeight - dialog.clientHeight / 2,
    );
  });
  figure.append(image, caption);
  dialog.append(close, figure);

  doc.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[data-zoom]') : null;
    if (!link || !plain(e)) return;
    e.preventDefault();
    const thumb = link.querySelector('img');
    const words = text((link.closest('figure') || link).querySelector('figcaption'));
    if (!dialog.isConnected) doc.body.append(dialog);
    opener = link;
    dialog.classList.remove('is-full');
    image.removeAttribute('src');
    image.src = link.href;
    image.alt = thumb ? thumb.alt : '';
    caption.textContent = words;
    caption.hidden = !words;
    dialog.setAttribute('aria-label', words || image.alt);
    dialog.showModal();
  });
}

export function init(doc: Document): void {
  for (const figure of doc.querySelectorAll<HTMLElement>('figure.video[data-embed]')) initVideo(doc, figure);
  // Without a working <dialog> (old browsers) the zoom links simply open the image.
  if (typeof el(doc, 'dialog').showModal === 'function') initLightbox(doc);
}

if (typeof document !== 'undefined') init(document);
