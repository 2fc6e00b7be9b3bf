import type { Generated } from 'kysely';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  standfirst: string;
  body_md: string;
  /** Rendered, sanitised HTML of body_md; rewritten whenever the body changes. */
  body_html: string;
  /** Plain text of the rendered body, for search and excerpts. */
  body_text: string;
  status: ArticleStatus;
  /** UTC ISO-8601; the publication time (in the future while scheduled). */
  published_at: string | null;
  created_at: string;
  updated_at: string;
  cover_url: string | null;
  cover_alt: string;
  cover_caption: string;
  cover_credit: string;
  video_url: string | null;
  comments_open: Generated<number>;
  /** Published comments; a cache kept by the discussion use cases (see recount-counters.ts). */
  comments_count: Generated<number>;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleSlugsTable {
  /** A former slug that still redirects to its article. */
  slug: string;
  article_id: number;
}
