import type { PassageState } from '../../db/schema/index.js';
import type { PassageSummary } from './queries.js';

/**
 * A passage as readers see it: every comment anchored to the same range is one passage, one
 * highlight, one count. Its id is its first anchor's: `#passage-<id>`, `/articles/:slug/passages/<id>`.
 */
export interface Passage {
  id: number;
  state: PassageState;
  start: number;
  end: number;
  /** The text now (anchored), or as the readers chose it (orphaned). */
  text: string;
  /** Published comments in its threads. */
  count: number;
  anchorIds: number[];
  commentIds: number[];
}

/** Group anchors into passages: anchored ones in the order of the text, then the orphaned ones. */
export function groupPassages(summaries: readonly PassageSummary[]): {
  anchored: Passage[];
  orphaned: Passage[];
} {
  const groups = new Map<string, Passage>();
  for (const s of summaries) {
    const key = s.state === 'anchored' ? `a:${s.start}:${s.end}` : `o:${s.quote}`;
    const group = groups.get(key);
    if (group) {
      group.count += s.count;
      group.anchorIds.push(s.id);
      group.commentIds.push(s.commentId);
      group.id = Math.min(group.id, s.id);
    } else {
      groups.set(key, {
        id: s.id,
        state: s.state,
        start: s.start,
        end: s.end,
        text: s.state === 'anchored' ? s.exact : s.quote,
        count: s.count,
        anchorIds: [s.id],
        commentIds: [s.commentId],
      });
    }
  }
  const all = [...groups.values()];
  return {
    anchored: all.filter((p) => p.state === 'anchored').sort((a, b) => a.start - b.start || a.end - b.end),
    orphaned: all.filter((p) => p.state === 'orphaned').sort((a, b) => a.id - b.id),
  };
}

/** Which passage each passage comment is about, for showing its quote beside it. */
export function passageByComment(passages: { anchored: Passage[]; orphaned: Passage[] }): Map<number, Passage> {
  const map = new Map<number, Passage>();
  for (const p of [...passages.anchored, ...passages.orphaned]) for (const id of p.commentIds) map.set(id, p);
  return map;
}
