import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { escapeXml } from '../../shared/escape.js';

/** Small site-level files: the favicon and the OpenSearch description. */
export function siteRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/favicon.svg', async (_request, reply) => {
    const accent = /^#[0-9a-fA-F]{3,8}$/.test(ctx.site.settings.accentColor) ? ctx.site.settings.accentColor : '#b3261e';
    const letter = escapeXml((ctx.site.settings.siteName.trim()[0] ?? 'O').toUpperCase());
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${accent}"/><text x="16" y="23" font-family="Georgia,serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`,
      );
  });
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/favicon.svg', 301));

  app.get('/opensearch.xml', async (_request, reply) => {
    const name = escapeXml(ctx.site.settings.siteName);
    const url = escapeXml(ctx.config.publicUrl);
    return reply
      .type('application/opensearchdescription+xml')
      .send(
        `<?xml version="1.0" encoding="utf-8"?>\n<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>${name}</ShortName><Description>Search ${name}</Description><InputEncoding>UTF-8</InputEncoding><Url type="text/html" template="${url}/search?q={searchTerms}"/></OpenSearchDescription>`,
      );
  });
}
