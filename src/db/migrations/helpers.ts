import type { ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from '../database.js';

/** An integer primary key the database assigns. */
export function idColumn(c: ColumnDefinitionBuilder, dialect: Dialect): ColumnDefinitionBuilder {
  return dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
}
