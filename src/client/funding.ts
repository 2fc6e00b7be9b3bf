/**
 * Funding bar island: keeps every bar on the page ([data-funding-bar]) current. It listens to the
 * live `funding` topic and, when a gift settles (or the stream says it lost its place), fetches
 * the server-rendered bar (/support/bar) and swaps it in: one renderer, the server's.
 * Without it the bar is simply as fresh as the page.
 */

function refresh(doc: Document): void {
  const bars = doc.querySelectorAll<HTMLElement>('[data-funding-bar]');
  bars.forEach((bar) => {
    const variant = bar.dataset.fundingBar || 'header';
    fetch(`/support/bar?variant=${variant}`, { cache: 'no-cache', credentials: 'omit' })
      .then((res) => (res.status === 200 ? res.text() : ''))
      .then((html) => {
        if (!html) return;
        const tpl = doc.createElement('template');
        tpl.innerHTML = html;
        const next = tpl.content.firstElementChild;
        if (next && bar.isConnected) bar.replaceWith(next);
      })
      .catch(() => {});
  });
}

function start(doc: Document): void {
  if (!doc.querySelector('[data-funding-bar]') || typeof EventSource === 'undefined') return;
  const source = new EventSource('/events?topics=funding');
  source.addEventListener('funding', () => refresh(doc));
  source.addEventListener('reset', () => refresh(doc));
}

start(document);
