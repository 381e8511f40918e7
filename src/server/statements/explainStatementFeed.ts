import { CompiledQuery, sql } from 'kysely';
import type { GatewayStore } from '../store/openStore.js';
import { statementFeedQuery } from './readStatementFeed.js';

/** The feed's index on (iban, seq), migration 0004: a page is a range of it. */
export const STATEMENT_FEED_INDEX = 'statement_feed_by_account';

export interface StatementFeedPlan {
  /**
   * True when the feed is read as a range of its (iban, seq) index starting at the cursor, and no step reads a
   * whole table or index: the sync's cost then does not grow with the lines stored.
   */
  indexed: boolean;
  /** The plan's steps, one line each, as the database names them. */
  steps: string[];
}

interface PostgresPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PostgresPlanNode[];
}

function postgresSteps(node: PostgresPlanNode): string[] {
  const on = [node['Relation Name'], node['Index Name'] && `using ${node['Index Name']}`, node['Index Cond'] && `on ${node['Index Cond']}`].filter(Boolean).join(' ');
  return [`${node['Node Type']}${on ? ` ${on}` : ''}`, ...(node.Plans ?? []).flatMap(postgresSteps)];
}

/**
 * The database's own plan (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) for one page of an account's
 * statement feed, as a device of organisation `orgId` reads it. A sequential scan on PostgreSQL, a SCAN on SQLite (a walk of a whole table or index), or
 * the feed read by its seq alone and filtered by account, would make every sync slower as lines are booked.
 */
export async function explainStatementFeed(store: GatewayStore, account: string, orgId: string, after: number, limit: number): Promise<StatementFeedPlan> {
  const query = statementFeedQuery(store.dialect, account, orgId, after, limit);
  if (store.dialect === 'postgres') {
    const explain = (text: string) => store.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PostgresPlanNode }] }>(CompiledQuery.raw(text, [...query.parameters]));
    const stepsOf = (result: Awaited<ReturnType<typeof explain>>) => result.rows.flatMap((row) => row['QUERY PLAN'].flatMap((plan) => postgresSteps(plan.Plan)));
    const custom = stepsOf(await explain(`EXPLAIN (FORMAT JSON) ${query.sql}`));
    // The gateway runs the page as a named prepared statement (namedOnPostgres), which PostgreSQL may switch
    // to a generic plan, made without the parameters' values after five runs: that plan must read the range too.
    const generic = await store.db.connection().execute(async (connection) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(connection);
      await sql.raw(`PREPARE coffer_explained_feed AS ${query.sql}`).execute(connection);
      try {
        const values = sql.join(query.parameters.map((value) => sql.lit(value)));
        return stepsOf(await sql<{ 'QUERY PLAN': [{ Plan: PostgresPlanNode }] }>`EXPLAIN (FORMAT JSON) EXECUTE coffer_explained_feed (${values})`.execute(connection));
      } finally {
        await sql`DEALLOCATE coffer_explained_feed`.execute(connection);
        await sql`RESET plan_cache_mode`.execute(connection);
      }
    });
    // The scan must be bounded by the two row values alone: an `iban = ?` beside them makes PostgreSQL start at
    // the account's first line and filter up to the cursor; a Sort means it read the whole range to order it.
    const indexed = (steps: string[]) =>
      steps.some((step) => step.includes(`using ${STATEMENT_FEED_INDEX}`) && step.includes('ROW(iban, seq) >') && step.includes('ROW(iban, seq) <=') && !/\biban = /.test(step)) &&
      !steps.some((step) => step.startsWith('Seq Scan') || step.startsWith('Sort'));
    return { indexed: indexed(custom) && indexed(generic), steps: [...custom, 'generic plan:', ...generic] };
  }
  const result = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
  const steps = result.rows.map((row) => row.detail);
  const range = steps.some((step) => step.includes(`USING INDEX ${STATEMENT_FEED_INDEX} (iban=? AND seq>?)`));
  return { indexed: range && !steps.some((step) => step.startsWith('SCAN')), steps };
}
