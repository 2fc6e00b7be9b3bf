import type { ThreadNode } from '../../features/discussion/threads.js';
import type { DiscussionQuery } from '../../features/discussion/urls.js';
import type { SiteView } from '../site.js';
import { CommentItem } from './comment-item.js';
import type { DiscussionView } from './types.js';

/**
 * Comments sent to a script on their own (a post, an edit, new comments arriving live): the same
 * <li class="comment-thread"> items as the page, in a list that also carries the discussion's
 * heading as it now reads, for the script to update the page's.
 */
export function CommentFragment({ site, view, nodes, back, here }: { site: SiteView; view: DiscussionView; nodes: ThreadNode[]; back: string; here: DiscussionQuery }) {
  return (
    <ol class="comment-list" data-heading={site.i18n.t('discussion.count', { count: view.count })}>
      {nodes.map((node) => (
        <CommentItem site={site} view={view} node={node} back={back} here={here} />
      ))}
    </ol>
  );
}
