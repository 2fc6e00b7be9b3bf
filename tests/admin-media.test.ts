import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema/index.js';
import { saveArticle } from '../src/features/articles/save-article.js';
import { detectImageType } from '../src/features/media/detect-type.js';
import { jobHandlers } from '../src/jobs/handlers.js';
import { runOneJob } from '../src/jobs/worker.js';
import { csrfFor, getPage, makeUser, ORIGIN, signIn } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { imageBytes, multipartBody } from './support/media.js';

let t: TestApp;
type Session = { id: number; cookie: string; csrf: string };
const people = new Map<string, Session>();

async function person(key: string, role: Role) {
  const user = await makeUser(t.ctx, role);
  const cookie = role === 'member' ? '' : await signIn(t.app, user.email);
  people.set(key, { id: user.id, cookie, csrf: cookie ? await csrfFor(t.app, cookie) : '' });
}
const as = (key: string): Session => {
  const s = people.get(key);
  if (!s) throw new Error(key);
  return s;
};

type Part = Parameters<typeof multipartBody>[0][number];

/** The upload form as a browser without scripts sends it: CSRF token in the action's query. */
function uploadForm(who: Session, parts: Part[], options: { csrf?: string | null; json?: boolean } = {}) {
  const { body, contentType } = multipartBody(parts);
  const token = options.csrf === undefined ? who.csrf : options.csrf;
  const json = options.json === true;
  return t.app.inject({
    method: 'POST',
    url: json || !token ? '/admin/media' : `/admin/media?_csrf=${encodeURIComponent(token)}`,
    headers: {
      origin: ORIGIN,
      'content-type': contentType,
      ...(who.cookie ? { cookie: `outpost_session=${who.cookie}` } : {}),
      ...(json ? { accept: 'application/json', 'x-csrf-token': token ?? '' } : {}),
    },
    payload: body,
  });
}
const file = (filename: string, bytes: Buffer, type = 'image/png'): Part => ({ name: 'file', filename, type, bytes });

const mediaRows = () => t.ctx.database.db.selectFrom('media').selectAll().orderBy('id').execute();
const jobs = () => t.ctx.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'media.variants').orderBy('id').execute();
const uploads = () => path.join(t.dataDir, 'media', 'uploads');
const dirs = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()).sort() : []);

async function runJobs(): Promise<void> {
  while (await runOneJob(t.ctx, jobHandlers)) {}
}

beforeAll(async () => {
  t = await createTestApp();
  await person('editor', 'editor');
  await person('alice', 'author');
  await person('bob', 'author');
  await person('moderator', 'moderator');
});
afterAll(() => t.cleanup());

describe('the type comes from the bytes', () => {
  it('recognises each accepted format by its magic numbers', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'avif', 'gif'] as const) {
      const type = detectImageType(await imageBytes(16, 16, format));
      expect(type?.mime, format).toBe(`image/${format}`);
    }
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from('GIF8'))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('uploading', () => {
  it('stores an upload from the plain form: the row, the original file, and a variants job in the same transaction', async () => {
    const bytes = await imageBytes(640, 400, 'png');
    const res = await uploadForm(as('alice'), [{ name: 'alt', value: 'A gradient map' }, file('map.png', bytes)]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/media?uploaded=1');
    const [row] = await mediaRows();
    expect(row).toMatchObject({ filename: 'map.png', mime: 'image/png', width: 640, height: 400, bytes: bytes.length, alt: 'A gradient map', created_by: as('alice').id, status: 'processing', variants: '[]' });
    const original = path.join(uploads(), String(row?.id), 'original.png');
    expect(fs.readFileSync(original).equals(bytes)).toBe(true);
    expect((await jobs()).map((j) => [j.status, JSON.parse(j.payload)])).toEqual([['pending', { mediaId: row?.id }]]);

    const served = await t.app.inject({ url: `/media/uploads/${row?.id}/original.png` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const page = await getPage(t.app, '/admin/media?uploaded=1', as('alice').cookie);
    expect(page.body).toContain('1 image uploaded.');
    expect(page.body).toContain(`id="media-${row?.id}"`);
    expect(page.body).toContain(`![A gradient map](/media/uploads/${row?.id}/original.png)`);
    expect(page.body).toMatch(/<script type="module" src="\/assets\/admin-media\.[0-9a-f]+\.js"><\/script>/);
  });

  it('answers the script with the new item rendered by the server', async () => {
    const res = await uploadForm(as('editor'), [file('photo.jpg', await imageBytes(300, 200, 'jpeg'), 'image/jpeg')], { json: true });
    expect(res.statusCode).toBe(201);
    const answer = res.json();
    expect(answer.url).toBe(`/media/uploads/${answer.id}/original.jpg`);
    expect(answer.html).toContain(`<li class="media-card" id="media-${answer.id}">`);
    expect(answer.message).toBe('photo.jpg uploaded.');
  });

  it('trusts neither the file name nor the content type the client sends', async () => {
    const before = { rows: (await mediaRows()).length, dirs: dirs(), jobs: (await jobs()).length };
    const nothingStored = async () => {
      expect((await mediaRows()).length).toBe(before.rows);
      expect(dirs()).toEqual(before.dirs);
      expect((await jobs()).length).toBe(before.jobs);
    };

    // A text file dressed as a PNG.
    const text = await uploadForm(as('alice'), [file('innocent.png', Buffer.from('just some text, not an image at all\n'), 'image/png')]);
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('“innocent.png” is not a JPEG, PNG, WebP, AVIF or GIF image (whatever its name says), so it was not uploaded.');
    await nothingStored();

    // A PNG signature followed by garbage: the magic numbers pass, decoding does not.
    const garbage = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage'.repeat(200))]);
    const broken = await uploadForm(as('alice'), [file('broken.png', garbage)], { json: true });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error).toMatchObject({ code: 'media_broken', message: '“broken.png” looks like an image but cannot be read: it is damaged or not what it claims to be. Nothing was stored.' });
    await nothingStored();

    // A real PNG cut in half: a valid header, then the data stops.
    const whole = await imageBytes(400, 300, 'png');
    const truncated = await uploadForm(as('alice'), [file('cut.png', whole.subarray(0, Math.floor(whole.length / 2)))], { json: true });
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().error.code).toBe('media_broken');
    await nothingStored();

    // An SVG (script inside) named .gif.
    const svg = await uploadForm(as('alice'), [file('logo.gif', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/gif')], { json: true });
    expect(svg.json().error.code).toBe('media_unsupported');
    await nothingStored();

    // A JPEG named .png with image/png is stored as the JPEG it is.
    const jpeg = await uploadForm(as('alice'), [file('actually-a-jpeg.png', await imageBytes(64, 64, 'jpeg'))], { json: true });
    expect(jpeg.statusCode).toBe(201);
    expect(jpeg.json().url).toMatch(/\/original\.jpg$/);
    const row = (await mediaRows()).at(-1);
    expect(row?.mime).toBe('image/jpeg');
  });

  it('refuses a file over the size limit with 413 and a clear message, storing nothing', async () => {
    const before = { rows: (await mediaRows()).length, dirs: dirs() };
    const huge = Buffer.concat([await imageBytes(8, 8, 'png'), Buffer.alloc(21 * 1024 * 1024)]);
    const res = await uploadForm(as('alice'), [file('huge.png', huge)]);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('That file is larger than 20 MB, so it was not uploaded.');
    const json = await uploadForm(as('alice'), [file('huge.png', huge)], { json: true });
    expect(json.statusCode).toBe(413);
    expect(json.json().error.code).toBe('media_too_large');
    expect((await mediaRows()).length).toBe(before.rows);
    expect(dirs()).toEqual(before.dirs);
  });

  it('reports each refused file of a multi-file form and keeps the good ones', async () => {
    const before = (await mediaRows()).length;
    const res = await uploadForm(as('alice'), [file('good.png', await imageBytes(32, 32)), file('bad.png', Buffer.from('nope'))]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Some files were not uploaded:');
    expect(res.body).toContain('“bad.png” is not a JPEG');
    expect(res.body).toContain('1 image uploaded.');
    expect((await mediaRows()).length).toBe(before + 1);
    const empty = await uploadForm(as('alice'), [{ name: 'alt', value: '' }, file('', Buffer.alloc(0), 'application/octet-stream')]);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Choose an image to upload.');
  });

  it('needs a session, the CSRF token and a role that uploads', async () => {
    const bytes = await imageBytes(16, 16);
    const signedOut = await uploadForm({ id: 0, cookie: '', csrf: '' }, [file('a.png', bytes)], { csrf: null });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/signin');
    const noToken = await uploadForm(as('alice'), [file('a.png', bytes)], { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('This form has expired');
    const wrongToken = await uploadForm(as('alice'), [file('a.png', bytes)], { csrf: as('editor').csrf });
    expect(wrongToken.statusCode).toBe(403);
    const moderator = await uploadForm(as('moderator'), [file('a.png', bytes)]);
    expect(moderator.statusCode).toBe(403);
    // The token in the query counts for uploads only.
    const form = await t.app.inject({
      method: 'POST',
      url: `/admin/media/1?_csrf=${as('alice').csrf}`,
      headers: { origin: ORIGIN, cookie: `outpost_session=${as('alice').cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'alt=x',
    });
    expect(form.statusCode).toBe(403);
  });
});

describe('variants', () => {
  it('are made by the background worker: AVIF, WebP and JPEG at each width narrower than the original', async () => {
    await t.ctx.database.db.deleteFrom('jobs').execute();
    const res = await uploadForm(as('alice'), [file('wide.jpg', await imageBytes(1200, 800, 'jpeg'), 'image/jpeg')], { json: true });
    const id: number = res.json().id;
    expect((await mediaRows()).find((m) => m.id === id)?.status).toBe('processing');
    await runJobs();
    const row = (await mediaRows()).find((m) => m.id === id);
    expect(row?.status).toBe('ready');
    const variants = JSON.parse(row?.variants ?? '[]') as Array<{ width: number; height: number; format: string; url: string }>;
    expect(variants.map((v) => `${v.width}x${v.height}.${v.format}`).sort()).toEqual(['480x320.avif', '480x320.jpeg', '480x320.webp', '960x640.avif', '960x640.jpeg', '960x640.webp']);
    for (const v of variants) {
      const bytes = fs.readFileSync(path.join(t.dataDir, v.url));
      const meta = await sharp(bytes).metadata();
      expect(meta.width).toBe(v.width);
      expect(detectImageType(bytes)?.mime).toBe(`image/${v.format}`);
      expect((await t.app.inject({ url: v.url })).statusCode).toBe(200);
    }
    // The original stays, for "full size".
    expect(fs.existsSync(path.join(uploads(), String(id), 'original.jpg'))).toBe(true);
    const job = (await jobs()).find((j) => JSON.parse(j.payload).mediaId === id);
    expect(job?.status).toBe('done');
  });

  it('keeps transparency (a PNG fallback) and makes one size of a small image', async () => {
    const res = await uploadForm(as('alice'), [file('logo.png', await imageBytes(300, 100, 'png', { alpha: true }))], { json: true });
    await runJobs();
    const row = (await mediaRows()).find((m) => m.id === res.json().id);
    const variants = JSON.parse(row?.variants ?? '[]') as Array<{ width: number; format: string }>;
    expect(variants.map((v) => `${v.width}.${v.format}`).sort()).toEqual(['300.avif', '300.png', '300.webp']);
  });

  it('give article body images a srcset, once they exist; the full-size link stays the original', async () => {
    const upload = await uploadForm(as('alice'), [file('street.jpg', await imageBytes(1000, 500, 'jpeg'), 'image/jpeg')], { json: true });
    const { id: mediaId, url } = upload.json() as { id: number; url: string };
    const { slug } = await saveArticle(t.ctx, {
      title: 'With a photo',
      slug: 'with-a-photo',
      bodyMarkdown: `Before.\n\n![The street](${url} "The street at noon")\n\n![Elsewhere](https://images.example.org/x.jpg)`,
      status: 'published',
      authorIds: [as('alice').id],
    });
    // Saved while the variants are being made: a plain image for now.
    const before = (await t.app.inject({ url: `/articles/${slug}` })).body;
    expect(before).toContain(`<img src="${url}" alt="The street" loading="lazy" decoding="async" />`);
    expect(before).not.toContain('srcset');

    await runJobs();
    const after = (await t.app.inject({ url: `/articles/${slug}` })).body;
    const sizes = '(min-width: 42rem) 40rem, 100vw';
    expect(after).toContain(
      `<figure class="figure"><a class="zoom" href="${url}" data-zoom><picture>` +
        `<source type="image/avif" srcset="/media/uploads/${mediaId}/480.avif 480w, /media/uploads/${mediaId}/960.avif 960w" sizes="${sizes}" />` +
        `<source type="image/webp" srcset="/media/uploads/${mediaId}/480.webp 480w, /media/uploads/${mediaId}/960.webp 960w" sizes="${sizes}" />` +
        `<img src="${url}" srcset="/media/uploads/${mediaId}/480.jpg 480w, /media/uploads/${mediaId}/960.jpg 960w" sizes="${sizes}" alt="The street" width="1000" height="500" loading="lazy" decoding="async" />` +
        '</picture></a><figcaption>The street at noon</figcaption></figure>',
    );
    // Images that are not uploads are left alone.
    expect(after).toContain('<img src="https://images.example.org/x.jpg" alt="Elsewhere" loading="lazy" decoding="async" />');

    // The editor's preview renders them the same way.
    const preview = await t.app.inject({
      method: 'POST',
      url: '/admin/articles/preview',
      headers: { origin: ORIGIN, cookie: `outpost_session=${as('alice').cookie}`, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': as('alice').csrf },
      payload: new URLSearchParams({ bodyMarkdown: `![The street](${url})` }).toString(),
    });
    expect(preview.body).toContain(`<source type="image/avif" srcset="/media/uploads/${mediaId}/480.avif 480w`);
  });
});

describe('the library', () => {
  it('lets the uploader (or an editor) describe and delete an upload, and nobody else', async () => {
    const res = await uploadForm(as('alice'), [file('mine.png', await imageBytes(20, 20))], { json: true });
    const id: number = res.json().id;
    const post = (who: Session, url: string, form: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { origin: ORIGIN, cookie: `outpost_session=${who.cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
      });
    expect((await post(as('bob'), `/admin/media/${id}`, { alt: 'Vandalised' })).statusCode).toBe(403);
    expect((await post(as('bob'), `/admin/media/${id}/delete`, {})).statusCode).toBe(403);
    const bobsView = await getPage(t.app, '/admin/media', as('bob').cookie);
    expect(bobsView.body).not.toContain(`action="/admin/media/${id}/delete"`);

    const described = await post(as('alice'), `/admin/media/${id}`, { alt: 'My square' });
    expect(described.statusCode).toBe(303);
    expect((await mediaRows()).find((m) => m.id === id)?.alt).toBe('My square');

    expect((await post(as('editor'), `/admin/media/${id}/delete`, {})).statusCode).toBe(303);
    expect((await mediaRows()).find((m) => m.id === id)).toBeUndefined();
    expect(fs.existsSync(path.join(uploads(), String(id)))).toBe(false);
    expect((await post(as('editor'), `/admin/media/${id}/delete`, {})).statusCode).toBe(404);
  });

  it('offers uploads as the cover of an article, with their description', async () => {
    const res = await uploadForm(as('alice'), [{ name: 'alt', value: 'Cover picture' }, file('cover.png', await imageBytes(40, 20))], { json: true });
    const { url } = res.json() as { url: string };
    const form = await getPage(t.app, '/admin/articles/new', as('alice').cookie);
    expect(form.body).toContain(`<input type="radio" name="coverPick" value="${url}"/>`);
    const save = await t.app.inject({
      method: 'POST',
      url: '/admin/articles',
      headers: { origin: ORIGIN, cookie: `outpost_session=${as('alice').cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: as('alice').csrf, intent: 'save', title: 'Covered', bodyMarkdown: 'x', status: 'draft', authorIds: String(as('alice').id), coverUrl: '', coverPick: url }).toString(),
    });
    expect(save.statusCode).toBe(303);
    const row = await t.ctx.database.db.selectFrom('articles').select(['cover_url', 'cover_alt']).where('title', '=', 'Covered').executeTakeFirstOrThrow();
    expect(row).toEqual({ cover_url: url, cover_alt: 'Cover picture' });
  });
});
