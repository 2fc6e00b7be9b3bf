import multipart from '@fastify/multipart';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../context.js';
import { can } from '../../features/accounts/policy.js';
import { deleteMedia } from '../../features/media/delete-media.js';
import { MediaError } from '../../features/media/errors.js';
import { listMedia, type MediaItem } from '../../features/media/queries.js';
import { updateMediaAlt } from '../../features/media/update-media.js';
import { MAX_UPLOAD_BYTES, uploadMedia } from '../../features/media/upload-media.js';
import { MediaCard, MediaPage } from '../../views/admin/media.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { actorOf, adminWriteLimit, formBody, IdParams, seeOther, text, wantsJsonReply } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';
import { pageCount } from '../paging.js';

const PER_PAGE = 48;
/** Files one form post may carry (the script sends one per request). */
const MAX_FILES = 10;
const ListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  uploaded: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_FILES })),
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  deleted: Type.Optional(Type.String({ maxLength: 1 })),
});
const AltBody = Type.Object({ _csrf: text(200), alt: text(1000) });

/** @fastify/multipart's limit errors, as ours. */
function tooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT';
}

/** /admin/media: the library, uploads (form or script), descriptions and deletion. */
export function adminMediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = adminWriteLimit(app, ctx, 'media', 300);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);
  const card = (request: FastifyRequest, item: MediaItem) => ({ ...item, deletable: can(actorOf(request), 'media.delete', { uploadedBy: item.createdBy }) });

  async function screen(request: FastifyRequest, reply: FastifyReply, options: { page?: number; notice?: string | null; errors?: string[]; status?: number }) {
    const page = options.page ?? 1;
    const [shell, list] = await Promise.all([adminShell(ctx, request), listMedia(ctx.database.db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE })]);
    const pages = pageCount(list.total, PER_PAGE, page, ctx.site.i18n);
    const view = MediaPage({
      shell,
      items: list.items.map((item) => card(request, item)),
      page,
      pages,
      total: list.total,
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      notice: options.notice,
      errors: options.errors,
    });
    return sendHtml(reply, options.status ?? 200, renderDocument(view));
  }

  app.get('/admin/media', { config: { auth: 'media.upload' }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof ListQuery>;
    const notice = q.uploaded ? t('admin.media.uploaded', { count: q.uploaded }) : q.saved ? t('admin.media.saved') : q.deleted ? t('admin.media.deleted') : null;
    return screen(request, reply, { page: q.page, notice });
  });

  // Uploads are multipart: the parser lives in this scope only, so no other route accepts a file.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_FILES, fields: 10, fieldSize: 4096, parts: MAX_FILES + 10 } });

    /**
     * The form (no script) posts one or more files and answers with the library (303), or the
     * screen with a message per refused file. The script posts one file with Accept: application/json
     * and gets the new item's card as server-rendered HTML to insert.
     */
    scope.post('/admin/media', { config: { auth: 'media.upload' } }, async (request, reply) => {
      await limit(request, reply);
      const actor = actorOf(request);
      const json = wantsJsonReply(request);
      if (!request.isMultipart()) throw new MediaError('media_invalid', t('admin.media.error.notMultipart'));
      const uploaded: MediaItem[] = [];
      const errors: string[] = [];
      let alt = '';
      let status = 422;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'alt' && typeof part.value === 'string') alt = part.value;
            continue;
          }
          const bytes = await part.toBuffer();
          // A form sent with no file chosen still has an empty file part.
          if (!part.filename && bytes.length === 0) continue;
          try {
            uploaded.push(await uploadMedia(ctx, { actor, filename: part.filename, bytes, alt }));
          } catch (error) {
            if (!(error instanceof MediaError) || json) throw error;
            errors.push(error.message);
          }
        }
      } catch (error) {
        if (!tooLarge(error)) throw error;
        const message = t('admin.media.error.tooLarge', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
        if (json) throw new MediaError('media_too_large', message);
        errors.push(message);
        status = 413;
      }
      if (json) {
        const item = uploaded[0];
        if (!item) throw new MediaError('media_invalid', t('admin.media.error.empty'), { file: t('admin.media.error.empty') });
        const html = renderToString(MediaCard({ site: (await adminShell(ctx, request)).site, item: card(request, item), csrfToken: request.csrfToken }));
        return reply.code(201).header('cache-control', 'no-store').send({ id: item.id, url: item.url, filename: item.filename, html, message: t('admin.media.uploadedOne', { name: item.filename }) });
      }
      if (errors.length) return screen(request, reply, { errors, status, notice: uploaded.length ? t('admin.media.uploaded', { count: uploaded.length }) : null });
      if (uploaded.length === 0) return screen(request, reply, { errors: [t('admin.media.error.empty')], status: 422 });
      return seeOther(reply, `/admin/media?uploaded=${uploaded.length}`);
    });
  });

  app.post('/admin/media/:id', { config: { auth: 'media.upload' }, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const { id } = request.params as Static<typeof IdParams>;
    const body = formBody(AltBody, request.body, ctx);
    await updateMediaAlt(ctx, { actor: actorOf(request), mediaId: id, alt: body.alt ?? '' });
    return seeOther(reply, `/admin/media?saved=1#media-${id}`);
  });

  app.post('/admin/media/:id/delete', { config: { auth: 'media.upload' }, schema: { params: IdParams } }, async (request, reply) => {
    await limit(request, reply);
    const { id } = request.params as Static<typeof IdParams>;
    await deleteMedia(ctx, { actor: actorOf(request), mediaId: id });
    return seeOther(reply, '/admin/media?deleted=1');
  });
}
