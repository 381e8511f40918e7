import { expect, it } from 'vitest';
import { auditOrigin, cosignCheckpoint, formatCheckpoint, signCheckpoint, signNote, verifyCosignature } from '../../audit/index.js';
import { generateEd25519KeyPair } from '../../crypto/index.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { orgWithCode, startTestGateway } from '../../../test/support/gatewayClient.js';
import { addCheckpoint, checkpointText, enrolVault, grow, witnessKey } from '../../../test/support/witnessDevice.js';

describeOnEachStore('the bank witnesses a vault’s audit log (C2SP tlog-witness)', (stores) => {
  it('cosigns the first checkpoint, then each one a consistency proof joins to it', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrolVault(store, gateway);
    const cosigner = await witnessKey(gateway.url);

    const first = grow(device.vault, 3);
    const answer = await addCheckpoint(gateway.url, device, 0, [], first.checkpoint);
    expect([answer.status, answer.contentType]).toEqual([200, 'text/plain; charset=utf-8']);
    const { timestamp } = verifyCosignature(checkpointText(first.checkpoint), answer.text, cosigner);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);

    const second = grow(device.vault, 5);
    const proof = device.vault.audit.consistencyProof(first.size, second.size);
    const next = await addCheckpoint(gateway.url, device, first.size, proof, second.checkpoint);
    expect(next.status).toBe(200);
    expect(() => verifyCosignature(checkpointText(second.checkpoint), next.text, cosigner)).not.toThrow();
    // A cosignature is over one checkpoint: it does not vouch for another.
    expect(() => verifyCosignature(checkpointText(first.checkpoint), next.text, cosigner)).toThrowCode('AUDIT_BAD_SIGNATURE');
    // The same checkpoint again is consistent with itself and is cosigned again.
    expect((await addCheckpoint(gateway.url, device, second.size, [], second.checkpoint)).status).toBe(200);
  });

  it('answers an old size other than the one it cosigned with 409 and that size, as C2SP asks', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrolVault(store, gateway);
    const first = grow(device.vault, 2);
    expect((await addCheckpoint(gateway.url, device, 0, [], first.checkpoint)).status).toBe(200);
    const second = grow(device.vault, 2);
    const stale = await addCheckpoint(gateway.url, device, 0, [], second.checkpoint);
    expect([stale.status, stale.contentType, stale.text]).toEqual([409, 'text/x.tlog.size', `${first.size}\n`]);
  });

  it('refuses a checkpoint signed by another key (403), or of another log (404), or a malformed body (400)', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrolVault(store, gateway);
    const origin = auditOrigin(device.vault.vaultId);
    const head = { origin, size: device.vault.audit.size, rootHash: device.vault.audit.root() };
    const stranger = signCheckpoint(head, { name: origin, seed: generateEd25519KeyPair().seed });
    expect((await addCheckpoint(gateway.url, device, 0, [], stranger)).code).toBe('SERVER_WITNESS_UNTRUSTED');
    const otherLog = signNote(formatCheckpoint({ ...head, origin: auditOrigin('another-vault') }), { name: origin, seed: device.seed });
    const answer = await addCheckpoint(gateway.url, device, 0, [], otherLog);
    expect([answer.status, answer.code]).toEqual([404, 'SERVER_WITNESS_UNKNOWN_LOG']);
    const proofFromNothing = await addCheckpoint(gateway.url, device, 0, [device.vault.audit.root()], signCheckpoint(head, { name: origin, seed: device.seed }));
    expect([proofFromNothing.status, proofFromNothing.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
  });

  it('two submissions racing from one state through two gateway processes: one is cosigned, the other told the new size', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const device = await enrolVault(store, first);
    const base = grow(device.vault, 4);
    expect((await addCheckpoint(first.url, device, 0, [], base.checkpoint)).status).toBe(200);
    const small = grow(device.vault, 1);
    const smallProof = device.vault.audit.consistencyProof(base.size, small.size);
    const large = grow(device.vault, 6);
    const largeProof = device.vault.audit.consistencyProof(base.size, large.size);
    const answers = await Promise.all([
      addCheckpoint(first.url, device, base.size, largeProof, large.checkpoint),
      addCheckpoint(second.url, device, base.size, smallProof, small.checkpoint),
    ]);
    // Whichever wins, the loser's old size is no longer the cosigned one: 409, with no alert.
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await store.db.selectFrom('witness_alerts').selectAll().execute()).toEqual([]);
    const stored = await store.db.selectFrom('witness_logs').select('size').executeTakeFirstOrThrow();
    expect([small.size, large.size]).toContain(stored.size);
  });
});

it('a cosignature names its key by type 0x04, so a log key’s signature line is never taken for one', () => {
  const key = generateEd25519KeyPair();
  const text = 'coffer.vault/v\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
  const line = cosignCheckpoint(text, { name: 'bank.example/witness', seed: key.seed }, 1_780_000_000);
  expect(verifyCosignature(text, line, { name: 'bank.example/witness', publicKey: key.publicKey })).toEqual({ timestamp: 1_780_000_000 });
  const asNote = signNote(text, { name: 'bank.example/witness', seed: key.seed });
  expect(() => verifyCosignature(text, asNote.slice(text.length + 1), { name: 'bank.example/witness', publicKey: key.publicKey })).toThrowCode('AUDIT_UNKNOWN_SIGNER');
  // The timestamp is signed: moving it breaks the signature.
  const decoded = Buffer.from(line.split(' ')[2] ?? '', 'base64');
  decoded.writeBigUInt64BE(1_780_000_001n, 4);
  const moved = `— bank.example/witness ${decoded.toString('base64')}\n`;
  expect(() => verifyCosignature(text, moved, { name: 'bank.example/witness', publicKey: key.publicKey })).toThrowCode('AUDIT_BAD_SIGNATURE');
});
