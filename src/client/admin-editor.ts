/**
 * Article editor island (/admin/articles/…). Without it the form still works: "Preview" posts and
 * the server re-renders the form with the preview. With it:
 *  - live preview: the body is posted (debounced) to /admin/articles/preview, which renders it with
 *    the public page's renderer; the HTML it returns replaces the preview (one renderer, the server's);
 *  - autosave: every 10 s, when the form changed, it is posted to /admin/articles/autosave, which
 *    keeps a copy apart from the article (never published); the status line says when;
 *  - Ctrl/⌘+S saves.
 */

const PREVIEW_DELAY_MS = 400;
const AUTOSAVE_EVERY_MS = 10_000;

function fields(form: HTMLFormElement, skip: string[] = []): URLSearchParams {
  const params = new URLSearchParams();
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string' && !skip.includes(key)) params.append(key, value);
  });
  return params;
}

function start(form: HTMLFormElement): void {
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const body = form.querySelector<HTMLTextAreaElement>('textarea[name="bodyMarkdown"]');
  const preview = document.getElementById('article-preview');
  const status = document.getElementById('autosave-status');
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf };

  // Live preview, debounced; a late answer to an older body is ignored.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  const refresh = async () => {
    if (!body || !preview) return;
    const mine = ++sequence;
    try {
      const res = await fetch(form.dataset.previewUrl ?? '/admin/articles/preview', {
        method: 'POST',
        headers,
        body: new URLSearchParams({ bodyMarkdown: body.value }),
        credentials: 'same-origin',
      });
      if (res.ok && mine === sequence) preview.innerHTML = await res.text();
    } catch {
      // Offline for a moment: the next keystroke tries again.
    }
  };
  body?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY_MS);
  });

  // The Preview button needs no round trip of the whole page when the script runs.
  form.addEventListener('submit', (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === 'preview') {
      event.preventDefault();
      void refresh().then(() => preview?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
      return;
    }
    saving = true;
  });

  // Autosave: only when something changed since the last copy (or since the page loaded).
  let saving = false;
  let last = fields(form, ['_csrf', 'intent']).toString();
  const autosave = async () => {
    if (saving) return;
    const now = fields(form, ['_csrf', 'intent']).toString();
    if (now === last) return;
    try {
      const res = await fetch(form.dataset.autosaveUrl ?? '/admin/articles/autosave', {
        method: 'POST',
        headers: { ...headers, accept: 'application/json' },
        body: fields(form, ['intent']),
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      const answer = (await res.json()) as { savedAt: string | null; message: string };
      last = now;
      if (status && answer.message) status.textContent = answer.message;
    } catch {
      if (status) status.textContent = form.dataset.autosaveFailed ?? '';
    }
  };
  setInterval(() => void autosave(), AUTOSAVE_EVERY_MS);

  // Typing an address chooses "use the address above" among the library picks.
  const url = form.querySelector<HTMLInputElement>('input[name="coverUrl"]');
  url?.addEventListener('input', () => {
    const none = form.querySelector<HTMLInputElement>('input[name="coverPick"][value=""]');
    if (none) none.checked = true;
  });

  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      form.requestSubmit(form.querySelector<HTMLButtonElement>('button[value="save"]') ?? undefined);
    }
  });
}

const form = document.getElementById('article-form');
if (form instanceof HTMLFormElement) start(form);
