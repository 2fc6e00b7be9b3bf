import type { Generated } from 'kysely';

export type Role = 'owner' | 'admin' | 'editor' | 'author' | 'moderator' | 'member';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  slug: string;
  bio: string;
  role: Role;
  password_hash: string | null;
  status: 'active' | 'suspended';
  created_at: string;
  updated_at: string;
}
