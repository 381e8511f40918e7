import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** SQL texts run as named prepared statements on PostgreSQL, with their names. */
const names = new Map<string, string>();

/**
 * Marks a fixed SQL text of the hot path to run as a named prepared statement on PostgreSQL: each connection
 * parses and plans it once instead of on every request (an unnamed statement is parsed, analysed and
 * planned afresh each time, on the database's share of the same cores). Only fixed texts are marked: each
 * one is kept by every connection for its life. Returns the text.
 */
export function namedOnPostgres(text: string): string {
  if (!names.has(text)) names.set(text, `coffer_${names.size + 1}`);
  return text;
}

/**
 * The pool as Kysely's PostgreSQL driver sees it, whose connections run the texts marked by namedOnPostgres
 * as named statements (node-postgres prepares a name once per connection and then only binds and executes)
 * and every other text as before.
 */
export function namingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  function naming(client: pg.PoolClient): PostgresPoolClient {
    let kept = wrapped.get(client);
    if (kept === undefined) {
      kept = {
        query<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          const name = names.get(text);
          const values = [...parameters];
          // pg's result is Kysely's PostgresQueryResult in all it reads (command, rowCount, rows).
          return (name === undefined ? client.query(text, values) : client.query({ name, text, values })) as unknown as Promise<PostgresQueryResult<R>>;
        },
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrapped.set(client, kept);
    }
    return kept;
  }
  return { connect: async () => naming(await pool.connect()), end: () => pool.end() };
}
