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

async function storeWithLines(store: GatewayStore): Promise<void> {
  await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' });
  await addAccount(store, 'sam', { orgId: 'nordlicht', iban: IBAN, currency: 'EUR', name: 'Operating' });
  await addAccount(store, 'sam', { orgId: 'nordlicht', iban: OTHER_IBAN, currency: 'EUR', name: 'Payroll' });
  await bookBenchLines(store, IBAN, 0, 20_000);
  await bookBenchLines(store, OTHER_IBAN, 20_000, 20_000);
}

describeOnEachStore('the statement feed query', (stores) => {
  it('reads a page as a range of the (iban, seq) index, whatever the cursor', async () => {
    const store = await stores.fresh();
    await storeWithLines(store);
    for (const after of [0, 10_000, 25_000]) {
      const plan = await explainStatementFeed(store, IBAN, after, 51);
      expect(plan, plan.steps.join('\n')).toMatchObject({ indexed: true });
    }
  });

  it('is reported as not indexed when the index is gone', async () => {
    const store = await stores.fresh();
    await storeWithLines(store);
    await sql.raw(`DROP INDEX ${STATEMENT_FEED_INDEX}`).execute(store.db);
    if (store.dialect === 'postgres') await sql`ANALYZE statement_feed`.execute(store.db);
    const plan = await explainStatementFeed(store, IBAN, 10_000, 51);
    expect(plan, plan.steps.join('\n')).toMatchObject({ indexed: false });
  });
});
