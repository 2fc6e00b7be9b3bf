import type MarkdownIt from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { feedbackPrompts } from '../feedback/markdown-prompt.js';

/**
 * Article bodies: Markdown written by staff. Staff are trusted to format, not to script, so the
 * HTML is still sanitised, to a generous allow-list. Images become figures that open full size on
 * click (the "click to see the full-size map" pattern): a plain link without JavaScript, a lightbox
 * with it. The visible "click to see full size" hint comes from the page (CSS and the message
 * catalog), so stored HTML holds no interface text.
 */
/** markdown-it and sanitize-html are loaded on the first render: only writes need them. */
let renderer: Promise<{ md: MarkdownIt; sanitize: typeof sanitizeHtml }> | null = null;

function loadRenderer() {
  renderer ??= (async () => {
    const [{ default: MarkdownItClass }, { default: sanitize }] = await Promise.all([import('markdown-it'), import('sanitize-html')]);
    const md = new MarkdownItClass({ html: true, linkify: true, typographer: true });
    // {{feedback "question"}}passage{{/feedback}}: an author's invitation to comment (docs/feedback.md).
    md.use(feedbackPrompts);

    md.renderer.rules.image = (tokens, idx, _options, env) => {
      const token = tokens[idx];
      if (!token) return '';
      const src = token.attrGet('src') ?? '';
      const alt = token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : token.content;
      const title = token.attrGet('title');
      const e = md.utils.escapeHtml;
      const media = mediaOf(src, (env as RenderEnv | undefined)?.media);
      const img = media ? responsiveImage(src, alt, media, e) : `<img src="${e(src)}" alt="${e(alt)}" loading="lazy" decoding="async">`;
      const caption = title ? `<figcaption>${e(title)}</figcaption>` : '';
      return `<figure class="figure"><a class="zoom" href="${e(src)}" data-zoom>${img}</a>${caption}</figure>`;
    };

    // A paragraph holding only an image would wrap a <figure> in a <p>, which is invalid HTML.
    md.core.ruler.push('unwrap_figures', (state) => {
      const tokens = state.tokens;
      for (let i = 1; i < tokens.length - 1; i++) {
        const inline = tokens[i];
        if (inline?.type !== 'inline' || !inline.children) continue;
        const meaningful = inline.children.filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak');
        if (meaningful.length === 1 && meaningful[0]?.type === 'image' && tokens[i - 1]?.type === 'paragraph_open' && tokens[i + 1]?.type === 'paragraph_close') {
          (tokens[i - 1] as { hidden: boolean }).hidden = true;
          (tokens[i + 1] as { hidden: boolean }).hidden = true;
        }
      }
    });
    return { md, sanitize };
  })();
  return renderer;
}

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 's', 'sub', 'sup',
    'code', 'pre', 'a', 'img', 'figure', 'figcaption', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'abbr', 'cite', 'q',
    'mark', 'small', 'dl', 'dt', 'dd', 'aside', 'details', 'summary', 'picture', 'source',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'class', 'data-zoom', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'srcset', 'sizes'],
    source: ['srcset', 'sizes', 'type'],
    span: ['class'],
    figure: ['class'],
    aside: ['class'],
    abbr: ['title'],
    mark: ['class', 'data-feedback-prompt'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // sanitize-html's void elements, plus <source> (responsive images): written without an end tag.
  selfClosing: ['img', 'br', 'hr', 'area', 'base', 'basefont', 'input', 'link', 'meta', 'source'],
};

export interface RenderedBody {
  html: string;
  text: string;
}

/**
 * An uploaded image as the body renderer needs it (features/media/queries.ts `mediaForMarkdown`
 * builds these): its size and the responsive variants that exist.
 */
export interface BodyMedia {
  width: number;
  height: number;
  variants: ReadonlyArray<{ width: number; format: 'avif' | 'webp' | 'jpeg' | 'png'; url: string }>;
}

export interface RenderOptions {
  /** Uploads by id: an image whose src is /media/uploads/<id>/original.<ext> gets their srcset. */
  media?: ReadonlyMap<number, BodyMedia>;
}

interface RenderEnv {
  media?: ReadonlyMap<number, BodyMedia>;
}

/** The upload an image's src points at, when it is an original in the media library with variants. */
const originalPath = /^\/media\/uploads\/(\d{1,12})\/original\.(?:jpg|png|webp|avif|gif)$/;

function mediaOf(src: string, media: ReadonlyMap<number, BodyMedia> | undefined): BodyMedia | null {
  const match = media && originalPath.exec(src);
  const found = match ? media.get(Number(match[1])) : undefined;
  return found && found.variants.length > 0 ? found : null;
}

/** The body column is at most 40rem wide (site.css --measure); narrower screens use the full width. */
const bodySizes = '(min-width: 42rem) 40rem, 100vw';
const sourceTypes = { avif: 'image/avif', webp: 'image/webp' } as const;

/** A <picture>: AVIF and WebP sources, and a JPEG (or PNG) srcset on the <img>; src stays the original. */
function responsiveImage(src: string, alt: string, media: BodyMedia, e: (s: string) => string): string {
  const set = (format: BodyMedia['variants'][number]['format']) =>
    media.variants
      .filter((v) => v.format === format)
      .sort((a, b) => a.width - b.width)
      .map((v) => `${e(v.url)} ${v.width}w`)
      .join(', ');
  const sources = (['avif', 'webp'] as const)
    .map((format) => ({ format, srcset: set(format) }))
    .filter((s) => s.srcset)
    .map((s) => `<source type="${sourceTypes[s.format]}" srcset="${s.srcset}" sizes="${bodySizes}">`)
    .join('');
  const fallback = set('jpeg') || set('png');
  const srcset = fallback ? ` srcset="${fallback}" sizes="${bodySizes}"` : '';
  return `<picture>${sources}<img src="${e(src)}"${srcset} alt="${e(alt)}" width="${media.width}" height="${media.height}" loading="lazy" decoding="async"></picture>`;
}

export async function renderArticleBody(markdown: string, options: RenderOptions = {}): Promise<RenderedBody> {
  const { md, sanitize } = await loadRenderer();
  const env: RenderEnv = { media: options.media };
  const html = sanitize(md.render(markdown, env), allowed).trim();
  return { html, text: htmlToText(html) };
}

/** The readable text of rendered HTML: what search indexes and excerpts use. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(?:\/p|br|\/h\d|\/li|\/blockquote|\/figcaption|\/tr)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** The first `max` characters of text, cut at a word boundary. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6)).replace(/[,.;:!?-]+$/, '')}…`;
}
