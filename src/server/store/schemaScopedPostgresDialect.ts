import { PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

/**
 * Kysely's PostgreSQL introspector lists the tables of every schema of the database, resolving each one by
 * name (`pg_get_serial_sequence`, `has_schema_privilege`): a schema another tenant drops while that query runs
 * makes it fail with "schema … does not exist", naming the other schema. The migrator asks it on every start,
 * so a gateway (or a test) migrating its schema beside another being dropped failed now and then. This one
 * looks only at the store's own schema, and reads names from the catalog without resolving them.
 */
class SchemaScopedIntrospector implements DatabaseIntrospector {
  // Kysely's introspectors take the untyped Kysely: they run before and outside any typed schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`SELECT current_schema() AS name`.execute(this.db);
    return rows.filter((row) => row.name !== null);
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      SELECT c.relname AS name, n.nspname AS schema, c.relkind AS kind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY c.relname`.execute(this.db);
    // The migrator asks only whether its tables exist; columns are never read.
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.kind === 'v' || row.kind === 'm', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgresDialect whose introspection stays inside the connection's own schema (its search_path). */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SchemaScopedIntrospector(db);
  }
}
