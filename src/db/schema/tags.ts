import type { Generated } from 'kysely';

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}
