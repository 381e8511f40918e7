import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../../test/support/gatewayStores.js';
import { createOrganisation } from '../../bank/createOrganisation.js';
import { setAllowedAaguids } from '../../bank/setAllowedAaguids.js';
import { openStore } from '../openStore.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

describeOnEachStore('migration 0011 on a store with an organisation', (stores) => {
  it('allows any authenticator model until staff name some, so policies read as before', async () => {
    const old = await stores.fresh('0010_share_sequence');
    await createOrganisation(old, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' }, NOW);
    const store = await openStore(stores.optionsOf(old));
    try {
      expect(await store.db.selectFrom('organisations').select(['id', 'allowed_aaguids']).execute()).toEqual([{ id: 'nordlicht', allowed_aaguids: null }]);
      const changed = await setAllowedAaguids(store, 'sam', { orgId: 'nordlicht', aaguids: ['cb69481e-8ff7-4039-93ec-0a2729a154a8'] }, NOW);
      expect([changed.policy.version, changed.policy.policy.hardwareKeys]).toEqual([2, { allowedAaguids: ['cb69481e-8ff7-4039-93ec-0a2729a154a8'] }]);
    } finally {
      await store.close();
    }
  });
});
