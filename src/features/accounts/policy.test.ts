import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema/index.js';
import { type Actor, can, type RouteAction, rules } from './policy.js';

const roles: Role[] = ['owner', 'admin', 'editor', 'author', 'moderator', 'member'];
const actor = (role: Role, id = 1): Actor => ({ id, role, status: 'active' });

/** Subject-free actions: the expected roles, spelled out (the table in docs/roles.md). */
const expected: Record<RouteAction, Role[]> = {
  'admin.enter': ['owner', 'admin', 'editor', 'author', 'moderator'],
  'article.list': ['owner', 'admin', 'editor', 'author'],
  'article.create': ['owner', 'admin', 'editor', 'author'],
  'media.upload': ['owner', 'admin', 'editor', 'author'],
  'comment.moderate': ['owner', 'admin', 'editor', 'moderator'],
  'moderation.audit': ['owner', 'admin'],
  'campaign.manage': ['owner', 'admin'],
  'user.list': ['owner', 'admin'],
  'settings.manage': ['owner', 'admin'],
  'account.manage': ['owner', 'admin', 'editor', 'author', 'moderator', 'member'],
};

describe('policy: actions without a subject', () => {
  for (const [action, allowed] of Object.entries(expected) as Array<[RouteAction, Role[]]>) {
    it.each(roles)(`${action}: %s`, (role) => {
      expect(can(actor(role), action)).toBe(allowed.includes(role));
    });
  }

  it('covers every action in the table', () => {
    const subjectActions = ['article.edit', 'article.publish', 'article.delete', 'media.delete', 'user.invite', 'user.edit'];
    expect(Object.keys(rules).sort()).toEqual([...Object.keys(expected), ...subjectActions].sort());
  });

  it('refuses everything to a signed-out visitor and to a suspended account', () => {
    expect(can(null, 'account.manage')).toBe(false);
    expect(can({ id: 1, role: 'owner', status: 'suspended' }, 'admin.enter')).toBe(false);
  });
});

describe('policy: articles', () => {
  const own = { authorIds: [7], status: 'draft' as const };
  const others = { authorIds: [8], status: 'draft' as const };

  it('lets an author edit and publish only their own articles', () => {
    expect(can(actor('author', 7), 'article.edit', own)).toBe(true);
    expect(can(actor('author', 7), 'article.edit', others)).toBe(false);
    expect(can(actor('author', 7), 'article.publish', own)).toBe(true);
    expect(can(actor('author', 7), 'article.publish', others)).toBe(false);
  });

  it('lets an author delete an own article only before it is published', () => {
    expect(can(actor('author', 7), 'article.delete', own)).toBe(true);
    expect(can(actor('author', 7), 'article.delete', { ...own, status: 'published' })).toBe(false);
    expect(can(actor('author', 7), 'article.delete', others)).toBe(false);
  });

  it.each(['owner', 'admin', 'editor'] as Role[])('lets %s edit, publish and delete every article', (role) => {
    for (const action of ['article.edit', 'article.publish', 'article.delete'] as const) {
      expect(can(actor(role, 7), action, { ...others, status: 'published' })).toBe(true);
    }
  });

  it.each(['moderator', 'member'] as Role[])('never lets %s touch articles, even as a listed author', (role) => {
    for (const action of ['article.edit', 'article.publish', 'article.delete'] as const) expect(can(actor(role, 7), action, own)).toBe(false);
  });
});

describe('policy: media', () => {
  it('lets authors delete what they uploaded, editors anything', () => {
    expect(can(actor('author', 7), 'media.delete', { uploadedBy: 7 })).toBe(true);
    expect(can(actor('author', 7), 'media.delete', { uploadedBy: 8 })).toBe(false);
    expect(can(actor('editor', 7), 'media.delete', { uploadedBy: null })).toBe(true);
    expect(can(actor('moderator', 7), 'media.delete', { uploadedBy: 7 })).toBe(false);
  });
});

describe('policy: users', () => {
  it('lets the owner and admins invite any role but owner', () => {
    for (const role of roles) {
      expect(can(actor('owner'), 'user.invite', { role })).toBe(role !== 'owner');
      expect(can(actor('admin'), 'user.invite', { role })).toBe(role !== 'owner');
      expect(can(actor('editor'), 'user.invite', { role })).toBe(false);
    }
  });

  it('lets an admin manage everyone except the owner and themselves', () => {
    const admin = actor('admin', 2);
    expect(can(admin, 'user.edit', { id: 3, role: 'editor', newRole: 'author' })).toBe(true);
    expect(can(admin, 'user.edit', { id: 4, role: 'admin' })).toBe(true);
    expect(can(admin, 'user.edit', { id: 1, role: 'owner' })).toBe(false);
    expect(can(admin, 'user.edit', { id: 2, role: 'admin', newRole: 'editor' })).toBe(false);
    expect(can(admin, 'user.edit', { id: 3, role: 'editor', newRole: 'owner' })).toBe(false);
  });

  it('lets the owner manage everyone but themselves', () => {
    const owner = actor('owner', 1);
    expect(can(owner, 'user.edit', { id: 2, role: 'admin', newRole: 'member' })).toBe(true);
    expect(can(owner, 'user.edit', { id: 1, role: 'owner', newRole: 'admin' })).toBe(false);
  });

  it.each(['editor', 'author', 'moderator', 'member'] as Role[])('never lets %s manage accounts', (role) => {
    expect(can(actor(role, 2), 'user.edit', { id: 3, role: 'member' })).toBe(false);
  });
});
