import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { bookBenchLines } from '../bench/bookBenchLines.js';
import { addAccount } from '../bank/addAccount.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import type { GatewayStore } from '../store/openStore.js';
import { explainStatementFeed, STATEMENT_FEED_INDEX } from './explainStatementFeed.js';

const IBAN = 'DE89370400440532013000';
const OTHER_IBAN = 'DE62370400440532013001';

async function storeWithLines(store: GatewayStore, accounts: 1 | 2): Promise<void> {
  await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' });
  await addAccount(store, 'sam', { orgId: 'nordlicht', iban: IBAN, currency: 'EUR', name: 'Operating' });
  await bookBenchLines(store, IBAN, 0, 20_000);
  if (accounts === 1) return;
  await addAccount(store, 'sam', { orgId: 'nordlicht', iban: OTHER_IBAN, currency: 'EUR', name: 'Payroll' });
  await bookBenchLines(store, OTHER_IBAN, 20_000, 20_000);
}

describeOnEachStore('the statement feed query', (stores) => {
  // One account: the planners' statistics say the account selects every line. Two: the lines after an
  // account's last one are all the other's, which a walk of the feed by seq alone would read in vain.
  for (const accounts of [1, 2] as const) {
    it(`reads a page as a range of the (iban, seq) index, whatever the cursor, with ${accounts} account(s) booked`, async () => {
      const store = await stores.fresh();
      await storeWithLines(store, accounts);
      for (const after of [0, 10_000, 20_000, 25_000]) {
        const plan = await explainStatementFeed(store, IBAN, 'nordlicht', after, 51);
        expect(plan, plan.steps.join('\n')).toMatchObject({ indexed: true });
      }
    });
  }

  it('is not run without the index: reported as not indexed on PostgreSQL, refused on SQLite', async () => {
    const store = await stores.fresh();
    await storeWithLines(store, 2);
    await sql.raw(`DROP INDEX ${STATEMENT_FEED_INDEX}`).execute(store.db);
    if (store.dialect === 'sqlite') {
      await expect(explainStatementFeed(store, IBAN, 'nordlicht', 10_000, 51)).rejects.toThrow(/no such index/);
      return;
    }
    await sql`ANALYZE statement_feed`.execute(store.db);
    const plan = await explainStatementFeed(store, IBAN, 'nordlicht', 10_000, 51);
    expect(plan, plan.steps.join('\n')).toMatchObject({ indexed: false });
  });
});
