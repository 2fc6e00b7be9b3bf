/**
 * Media upload island (/admin/media). Without it the plain form uploads (one or more files, then
 * the page reloads). With it: files can be dropped on the form, each is posted on its own
 * (multipart, CSRF token in a header, Accept: application/json) and its card, rendered by the
 * server, joins the library at once; each file's outcome is announced in a live region.
 */

function start(form: HTMLFormElement): void {
  const csrf = form.dataset.csrf ?? '';
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  const alt = form.querySelector<HTMLInputElement>('input[name="alt"]');
  const zone = form.querySelector<HTMLElement>('[data-dropzone]');
  const statusList = document.getElementById('upload-status');
  const list = document.getElementById('media-list');
  const maxBytes = Number(form.dataset.maxBytes || 0);
  form.querySelector<HTMLElement>('.dropzone-hint')?.removeAttribute('hidden');

  const say = (text: string, kind: 'busy' | 'done' | 'error') => {
    const item = document.createElement('li');
    item.className = `upload-${kind}`;
    item.textContent = text;
    statusList?.append(item);
    return item;
  };

  const uploadOne = async (file: File) => {
    const line = say((form.dataset.uploading ?? '{name}').replace('{name}', file.name), 'busy');
    if (maxBytes && file.size > maxBytes) {
      line.className = 'upload-error';
      line.textContent = `${file.name}: ${form.dataset.tooLarge ?? ''}`;
      return;
    }
    const data = new FormData();
    data.append('alt', alt?.value ?? '');
    data.append('file', file, file.name);
    try {
      const res = await fetch('/admin/media', { method: 'POST', body: data, headers: { accept: 'application/json', 'x-csrf-token': csrf }, credentials: 'same-origin' });
      const answer = (await res.json()) as { html?: string; message?: string; error?: { message: string } };
      if (res.status === 201 && answer.html) {
        const template = document.createElement('template');
        template.innerHTML = answer.html;
        const card = template.content.firstElementChild;
        if (card && list) list.prepend(card);
        document.getElementById('media-empty')?.remove();
        line.className = 'upload-done';
        line.textContent = answer.message ?? file.name;
      } else {
        line.className = 'upload-error';
        line.textContent = answer.error?.message ?? String(res.status);
      }
    } catch {
      line.className = 'upload-error';
      line.textContent = `${file.name}: ${form.dataset.failed ?? ''}`;
    }
  };

  const uploadAll = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) await uploadOne(file);
    if (input) input.value = '';
  };

  form.addEventListener('submit', (event) => {
    if (!input?.files?.length) return;
    event.preventDefault();
    void uploadAll(input.files);
  });

  if (zone) {
    const over = (event: DragEvent) => {
      event.preventDefault();
      zone.classList.add('is-over');
    };
    zone.addEventListener('dragenter', over);
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', () => zone.classList.remove('is-over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('is-over');
      if (event.dataTransfer?.files.length) void uploadAll(event.dataTransfer.files);
    });
  }
}

const form = document.getElementById('media-upload');
if (form instanceof HTMLFormElement) start(form);
