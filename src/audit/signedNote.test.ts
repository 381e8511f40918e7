import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithVectors, readVectorJson } from '../../test/support/vectors.js';
import { ed25519PublicKeyFromSeed, generateEd25519KeyPair } from '../crypto/index.js';
import { formatSignerKey } from './formatSignerKey.js';
import { formatVerifierKey } from './formatVerifierKey.js';
import { openNote } from './openNote.js';
import { parseSignerKey } from './parseSignerKey.js';
import { parseVerifierKey, type NoteVerifier } from './parseVerifierKey.js';
import { signNote } from './signNote.js';

// Published vectors: golang.org/x/mod sumdb/note/note_test.go (TestSign, TestOpen), extracted into
// ../shared/vectors/c2sp/signed-note.json (see its README); skipped with a notice where absent.
// Public test keys only.
interface SignedNoteVector {
  verifierKey: string;
  signerKey: string;
  text: string;
  signatureLines: string[];
  signedNote: string;
  additionalSignatures: { verifierKey: string; signatureLine: string }[];
}

describeWithVectors('the golang.org/x/mod signed-note vectors', () => {
  // Read in a hook, not while collecting: without the vectors this body still runs to count the tests.
  let vector: SignedNoteVector;
  let peter: NoteVerifier;
  let enoch: NoteVerifier;
  let peterLine: string;
  let enochLine: string;
  let withBoth: string;
  beforeAll(() => {
    vector = readVectorJson<SignedNoteVector>('c2sp/signed-note.json');
    peter = parseVerifierKey(vector.verifierKey);
    enoch = parseVerifierKey(vector.additionalSignatures[0]?.verifierKey ?? 'missing');
    peterLine = vector.signatureLines[0] ?? 'missing';
    enochLine = vector.additionalSignatures[0]?.signatureLine ?? 'missing';
    withBoth = `${vector.text}\n${peterLine}\n${enochLine}\n`;
  });

  describe('when the published note and keys are read', () => {
    it('parse into the published key ids, and format back to the same strings', () => {
      expect(peter).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
      expect(enoch).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78 });
      expect(formatVerifierKey(peter.name, peter.publicKey)).toBe(vector.verifierKey);
      const signer = parseSignerKey(vector.signerKey);
      expect(ed25519PublicKeyFromSeed(signer.seed).equals(peter.publicKey)).toBe(true);
      expect(formatSignerKey(signer)).toBe(vector.signerKey);
    });

    it('signs the text into exactly the published note', () => {
      expect(signNote(vector.text, parseSignerKey(vector.signerKey))).toBe(vector.signedNote);
    });

    it('opens the published note with its key, and a two-signature note with both keys', () => {
      expect(openNote(vector.signedNote, [peter])).toEqual({
        text: vector.text,
        signatures: [{ name: 'PeterNeumann', keyId: 0xc74f20a3 }],
        unverifiedSignatures: [],
      });
      expect(openNote(withBoth, [peter, enoch]).signatures).toHaveLength(2);
      expect(openNote(withBoth, [peter]).unverifiedSignatures).toEqual([{ name: 'EnochRoot', keyId: 0xaf0cfe78 }]);
    });
  });

  describe('when the signed text was changed', () => {
    it('refuses it with AUDIT_BAD_SIGNATURE', async () => {
      const changed = vector.signedNote.replace('cryptography', 'cryptographx');
      await expect(() => openNote(changed, [peter])).toThrowCode('AUDIT_BAD_SIGNATURE');
      await expect(() => openNote(withBoth.replace('problem,', 'problem;'), [enoch])).toThrowCode('AUDIT_BAD_SIGNATURE');
    });
  });

  describe('when a known key signed badly beside a good signature', () => {
    it('refuses the whole note with AUDIT_BAD_SIGNATURE', async () => {
      const forged = peterLine.slice(0, -8) + (peterLine.endsWith('AAAAAAA=') ? 'BBBBBBB=' : 'AAAAAAA=');
      await expect(() => openNote(`${vector.text}\n${enochLine}\n${forged}\n`, [peter, enoch])).toThrowCode('AUDIT_BAD_SIGNATURE');
    });
  });

  describe('when only unknown keys signed', () => {
    it('refuses it with AUDIT_UNKNOWN_SIGNER', async () => {
      await expect(() => openNote(`${vector.text}\n${enochLine}\n`, [peter])).toThrowCode('AUDIT_UNKNOWN_SIGNER');
      await expect(() => openNote(vector.signedNote, [])).toThrowCode('AUDIT_UNKNOWN_SIGNER');
    });

    it('treats a key sharing only the name, or only the key id, as unknown', async () => {
      const impostor = { ...peter, publicKey: generateEd25519KeyPair().publicKey, keyId: peter.keyId ^ 1 };
      await expect(() => openNote(vector.signedNote, [impostor])).toThrowCode('AUDIT_UNKNOWN_SIGNER');
      await expect(() => openNote(vector.signedNote, [{ ...enoch, keyId: peter.keyId }])).toThrowCode('AUDIT_UNKNOWN_SIGNER');
    });
  });

  describe('when the note is malformed', () => {
    const malformed: [string, () => string][] = [
      ['no blank line before the signatures', () => `${vector.text}${peterLine}\n`],
      ['no final newline', () => vector.signedNote.slice(0, -1)],
      ['an ASCII hyphen instead of the em dash', () => vector.signedNote.replace('\u2014 ', '-- ')],
      ['a tab in the text', () => vector.signedNote.replace('If you', 'If\tyou')],
      ['a carriage return', () => vector.signedNote.replace('\n\n', '\r\n\n')],
      ['a lone surrogate', () => `\uD800${vector.signedNote}`],
      ['a signature that is not base64', () => vector.signedNote.replace(' x08go', ' x08go!')],
      ['non-canonical base64 padding bits', () => vector.signedNote.replace('nAM=\n', 'nAN=\n')],
      ['a key name with a plus', () => vector.signedNote.replace('PeterNeumann', 'Peter+Neumann')],
      ['a signature too short to hold a key id', () => `${vector.text}\n\u2014 PeterNeumann AAAA\n`],
      ['an empty signature block line', () => `${vector.text}\n${peterLine}\n\n`],
      ['more than 100 signatures', () => `${vector.text}\n${`${enochLine}x\n`.repeat(101)}`],
    ];
    it.each(malformed)('refuses %s with AUDIT_BAD_NOTE', async (_, note) => {
      await expect(() => openNote(note(), [peter, enoch])).toThrowCode('AUDIT_BAD_NOTE');
    });
  });

  describe('when a key string is malformed', () => {
    let [name, keyId, key] = ['', '', ''];
    beforeAll(() => {
      [name, keyId, key] = [peter.name, vector.verifierKey.split('+')[1] ?? '', vector.verifierKey.split('+').slice(2).join('+')];
    });
    const bad: [string, () => string][] = [
      ['a wrong key id', () => `${name}+c74f20a4+${key}`],
      ['an upper-case key id', () => `${name}+${keyId.toUpperCase()}+${key}`],
      ['a missing field', () => `${name}+${keyId}`],
      ['a key of another signature type', () => `${name}+${keyId}+${Buffer.concat([Buffer.of(2), peter.publicKey]).toString('base64')}`],
      ['a short key', () => `${name}+${keyId}+${Buffer.concat([Buffer.of(1), peter.publicKey.subarray(1)]).toString('base64')}`],
      ['an empty name', () => `+${keyId}+${key}`],
      ['truncated base64', () => `${name}+${keyId}+${key.slice(0, -1)}`],
      ['base64 with a line break', () => `${name}+${keyId}+${key.slice(0, 20)}\n${key.slice(20)}`],
    ];
    it.each(bad)('refuses %s with AUDIT_BAD_KEY', async (_, text) => {
      await expect(() => parseVerifierKey(text())).toThrowCode('AUDIT_BAD_KEY');
    });
    it('refuses a signer key without the PRIVATE+KEY prefix, or with another seed, with AUDIT_BAD_KEY', async () => {
      await expect(() => parseSignerKey(vector.signerKey.slice('PRIVATE+KEY+'.length))).toThrowCode('AUDIT_BAD_KEY');
      const otherSeed = Buffer.concat([Buffer.of(1), generateEd25519KeyPair().seed]).toString('base64');
      await expect(() => parseSignerKey(`PRIVATE+KEY+${name}+${keyId}+${otherSeed}`)).toThrowCode('AUDIT_BAD_KEY');
    });
  });
});

describe('when signing', () => {
  const pair = generateEd25519KeyPair();
  const signer = { name: 'coffer.example/device/1', seed: pair.seed };

  it('produces a note that opens with the formatted verifier key', () => {
    const note = signNote('coffer\n42\n', signer);
    expect(openNote(note, [parseVerifierKey(formatVerifierKey(signer.name, pair.publicKey))]).text).toBe('coffer\n42\n');
  });
  it('refuses text a verifier could not open with AUDIT_BAD_NOTE', async () => {
    await expect(() => signNote('no final newline', signer)).toThrowCode('AUDIT_BAD_NOTE');
    await expect(() => signNote('bell\u0007\n', signer)).toThrowCode('AUDIT_BAD_NOTE');
  });
  it('refuses a key name with a space and a short seed with AUDIT_BAD_KEY', async () => {
    await expect(() => signNote('x\n', { ...signer, name: 'two words' })).toThrowCode('AUDIT_BAD_KEY');
    await expect(() => signNote('x\n', { ...signer, seed: pair.seed.subarray(1) })).toThrowCode('AUDIT_BAD_KEY');
  });
});
