import type { Generated } from 'kysely';

/** save: written by every save; autosave: the editor's periodic copy (never published); restore: a save that restored a revision. */
export type RevisionKind = 'save' | 'autosave' | 'restore';

/** Every version of an article's fields: who, when, and what (JSON of the editor's fields). */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  /** Null for the autosave of an article not saved yet (one per account). */
  article_id: number | null;
  user_id: number | null;
  kind: RevisionKind;
  /** JSON of ArticleInput (features/articles/save-article.ts). */
  fields: string;
  created_at: string;
}
