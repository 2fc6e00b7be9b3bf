import type { Role } from '../../db/schema/index.js';

/**
 * Who may do what: ONE table of pure functions, documented in docs/roles.md. Route guards, use
 * cases, views (which buttons to show) and the route × role matrix test all ask `can`.
 */
export interface Actor {
  id: number;
  role: Role;
  /** A suspended account may do nothing (it is treated as signed out anyway). */
  status?: 'active' | 'suspended';
}

/** An article as far as the policy cares. */
export interface ArticleSubject {
  authorIds: readonly number[];
  status?: 'draft' | 'scheduled' | 'published';
}

/** Another account, as far as the policy cares; `newRole` when the change gives it a role. */
export interface UserSubject {
  id: number;
  role: Role;
  newRole?: Role;
}

/** What each action is checked against. `undefined`: the action needs no subject. */
export interface Subjects {
  /** Enter /admin at all (and see the dashboard). */
  'admin.enter': undefined;
  'article.list': undefined;
  'article.create': undefined;
  'article.edit': ArticleSubject;
  'article.publish': ArticleSubject;
  'article.delete': ArticleSubject;
  'media.upload': undefined;
  'media.delete': { uploadedBy: number | null };
  'comment.moderate': undefined;
  /** Read the moderation audit log (docs/moderation.md). */
  'moderation.audit': undefined;
  'campaign.manage': undefined;
  'user.list': undefined;
  /** Invite a new account with this role. */
  'user.invite': { role: Role };
  /** Change another account's role (then `newRole` is set) or suspend it. */
  'user.edit': UserSubject;
  'settings.manage': undefined;
  /** One's own profile and sessions. */
  'account.manage': undefined;
}

export type Action = keyof Subjects;

/** Actions a route can check with no subject: the ones a route guard may name. */
export type RouteAction = { [A in Action]: Subjects[A] extends undefined ? A : never }[Action];

type Rule<A extends Action> = (actor: Actor, subject: Subjects[A]) => boolean;

const staff: readonly Role[] = ['owner', 'admin', 'editor', 'author', 'moderator'];
const writers: readonly Role[] = ['owner', 'admin', 'editor', 'author'];
const editors: readonly Role[] = ['owner', 'admin', 'editor'];
const moderators: readonly Role[] = ['owner', 'admin', 'editor', 'moderator'];
const managers: readonly Role[] = ['owner', 'admin'];

const is = (roles: readonly Role[]) => (actor: Actor) => roles.includes(actor.role);
const ownsArticle = (actor: Actor, article: ArticleSubject) => article.authorIds.includes(actor.id);

/** The table. Read a row as: "<action> is allowed when …". */
export const rules: { [A in Action]: Rule<A> } = {
  'admin.enter': is(staff),
  'article.list': is(writers),
  'article.create': is(writers),
  // Editors and above edit and publish everything; an author only their own articles.
  'article.edit': (actor, article) => is(editors)(actor) || (actor.role === 'author' && ownsArticle(actor, article)),
  'article.publish': (actor, article) => is(editors)(actor) || (actor.role === 'author' && ownsArticle(actor, article)),
  // An author may delete an own article only while it is unpublished.
  'article.delete': (actor, article) =>
    is(editors)(actor) || (actor.role === 'author' && ownsArticle(actor, article) && article.status !== undefined && article.status !== 'published'),
  'media.upload': is(writers),
  'media.delete': (actor, media) => is(editors)(actor) || (actor.role === 'author' && media.uploadedBy === actor.id),
  'comment.moderate': is(moderators),
  'moderation.audit': is(managers),
  'campaign.manage': is(managers),
  'user.list': is(managers),
  // Nobody invites a second owner: ownership is one account's.
  'user.invite': (actor, subject) => is(managers)(actor) && subject.role !== 'owner',
  // Owner: anyone but themselves; admin: anyone but the owner and themselves. Never to owner.
  'user.edit': (actor, target) =>
    target.id !== actor.id &&
    target.newRole !== 'owner' &&
    (actor.role === 'owner' || (actor.role === 'admin' && target.role !== 'owner')),
  'settings.manage': is(managers),
  'account.manage': () => true,
};

/** May `actor` (null: signed out) do `action` (to `subject`, for actions that have one)? */
export function can<A extends Action>(actor: Actor | null, action: A, ...subject: Subjects[A] extends undefined ? [] : [Subjects[A]]): boolean {
  if (!actor || actor.status === 'suspended') return false;
  const rule = rules[action] as Rule<A>;
  return rule(actor, subject[0] as Subjects[A]);
}

/** Roles that work in /admin. */
export function isStaff(role: Role): boolean {
  return staff.includes(role);
}

/** Staff may sign in with a password; readers (members) by emailed link only. */
export function mayUsePassword(role: Role): boolean {
  return isStaff(role);
}
