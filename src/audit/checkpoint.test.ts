import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, sha256 } from '../crypto/index.js';
import { formatCheckpoint } from './formatCheckpoint.js';
import { formatVerifierKey } from './formatVerifierKey.js';
import { openCheckpoint } from './openCheckpoint.js';
import { parseCheckpoint } from './parseCheckpoint.js';
import { parseVerifierKey } from './parseVerifierKey.js';
import { signCheckpoint } from './signCheckpoint.js';
import { signNote } from './signNote.js';

// The example body of the C2SP tlog-checkpoint specification (c2sp.org/tlog-checkpoint).
const SPEC_EXAMPLE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const root = sha256(Buffer.from('root'));
const rootText = root.toString('base64');

describe('C2SP tlog-checkpoint bodies', () => {
  it('parse the specification example', () => {
    const checkpoint = parseCheckpoint(SPEC_EXAMPLE);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(checkpoint.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_EXAMPLE);
  });

  it('format the empty tree with size 0', () => {
    expect(formatCheckpoint({ origin: 'o', size: 0, rootHash: sha256() })).toBe(`o\n0\n${sha256().toString('base64')}\n`);
  });
});

describe('when a checkpoint body is malformed', () => {
  const bad: [string, string][] = [
    ['a size with a leading zero', `o\n042\n${rootText}\n`],
    ['a signed size', `o\n+42\n${rootText}\n`],
    ['a negative size', `o\n-1\n${rootText}\n`],
    ['a size with a space', `o\n 42\n${rootText}\n`],
    ['a size beyond 2^53', `o\n9007199254740993\n${rootText}\n`],
    ['a root of 31 bytes', `o\n42\n${root.subarray(1).toString('base64')}\n`],
    ['a root in base64url', `o\n42\n${root.toString('base64url')}\n`],
    ['an extension line', `o\n42\n${rootText}\nextension\n`],
    ['no final newline', `o\n42\n${rootText}`],
    ['an empty origin', `\n42\n${rootText}\n`],
    ['CRLF line ends', `o\r\n42\r\n${rootText}\r\n`],
  ];
  it.each(bad)('refuses %s with AUDIT_BAD_CHECKPOINT', async (_, text) => {
    await expect(() => parseCheckpoint(text)).toThrowCode('AUDIT_BAD_CHECKPOINT');
  });

  it('refuses to format an origin with a newline, a fractional size or a short root', async () => {
    await expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root })).toThrowCode('AUDIT_BAD_CHECKPOINT');
    await expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: root })).toThrowCode('AUDIT_BAD_CHECKPOINT');
    await expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root.subarray(2) })).toThrowCode('AUDIT_BAD_CHECKPOINT');
  });
});

describe('signed checkpoints', () => {
  const pair = generateEd25519KeyPair();
  const signer = { name: 'coffer.example/device/7', seed: pair.seed };
  const verifier = parseVerifierKey(formatVerifierKey(signer.name, pair.publicKey));
  const signed = signCheckpoint({ origin: 'coffer.example/vault/7', size: 42, rootHash: root }, signer);

  it('open into the tree head that was signed', () => {
    const { checkpoint, note } = openCheckpoint(signed, [verifier]);
    expect(checkpoint).toEqual({ origin: 'coffer.example/vault/7', size: 42, rootHash: root });
    expect(note.signatures).toEqual([{ name: signer.name, keyId: verifier.keyId }]);
  });

  it('refuses a changed size with AUDIT_BAD_SIGNATURE', async () => {
    await expect(() => openCheckpoint(signed.replace('\n42\n', '\n43\n'), [verifier])).toThrowCode('AUDIT_BAD_SIGNATURE');
  });

  it('refuses a checkpoint signed by another key with AUDIT_UNKNOWN_SIGNER', async () => {
    const other = generateEd25519KeyPair();
    const foreign = parseVerifierKey(formatVerifierKey(signer.name, other.publicKey));
    await expect(() => openCheckpoint(signed, [foreign])).toThrowCode('AUDIT_UNKNOWN_SIGNER');
  });

  it('refuses a signed note whose text is not a checkpoint with AUDIT_BAD_CHECKPOINT', async () => {
    await expect(() => openCheckpoint(signNote('hello\n', signer), [verifier])).toThrowCode('AUDIT_BAD_CHECKPOINT');
  });
});
