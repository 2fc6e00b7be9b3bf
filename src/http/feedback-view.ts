import type { AppContext } from '../context.js';
import type { ArticleFull } from '../features/articles/queries.js';
import { listPassageThreads } from '../features/feedback/list-passage-threads.js';
import { groupPassages, passageByComment } from '../features/feedback/passages.js';
import { listPassageSummaries } from '../features/feedback/queries.js';
import { decorateBody } from '../views/feedback/decorate-body.js';
import type { FeedbackView } from '../views/feedback/types.js';
import type { SafeHtml } from '../views/render.js';
import type { SiteView } from '../views/site.js';

/** An article page's inline feedback: the highlights, the tab's count, and the tab's list when it is shown. */
export interface ArticleFeedback extends FeedbackView {
  highlights: Array<{ id: number; start: number; end: number; count: number }>;
}

export async function loadFeedback(ctx: AppContext, articleId: number, tabActive: boolean, after: string | null = null): Promise<ArticleFeedback> {
  const [summaries, list] = await Promise.all([
    listPassageSummaries(ctx.database.db, articleId),
    tabActive ? listPassageThreads(ctx, articleId, { after }) : Promise.resolve(null),
  ]);
  const passages = groupPassages(summaries);
  return {
    count: summaries.reduce((n, s) => n + s.count, 0),
    active: tabActive,
    list: list && {
      anchored: list.anchored,
      orphaned: list.orphaned,
      truncated: list.truncated,
      next: list.next,
    },
    byComment: passageByComment(passages),
    highlights: passages.anchored.map((p) => ({
      id: p.id,
      start: p.start,
      end: p.end,
      count: p.count,
    })),
  };
}

/** The article body with its passages highlighted and the controls to comment on passages. */
export function feedbackBody(site: SiteView, article: ArticleFull, feedback: ArticleFeedback, open: boolean): SafeHtml {
  return decorateBody(article.bodyHtml, {
    slug: article.slug,
    passages: feedback.highlights,
    open,
    i18n: site.i18n,
  });
}
