import { AuditError } from './errors.js';
import { decodeBase64 } from './decodeBase64.js';
import { MAX_NOTE_LENGTH } from './noteConstants.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

/** C2SP tlog-witness: a client sends at most 63 consistency proof lines. */
export const MAX_WITNESS_PROOF_LINES = 63;

/** The body of a C2SP tlog-witness `add-checkpoint` request. */
export interface AddCheckpointRequest {
  /** The size of the last checkpoint the witness cosigned for this log, as the client knows it (0: none). */
  oldSize: number;
  /** RFC 9162 consistency proof from `oldSize` to the checkpoint's size; empty when `oldSize` is 0. */
  proof: Buffer[];
  /** The signed checkpoint (C2SP signed note). */
  checkpoint: string;
}

/** `old N`, the proof's hashes in base64, an empty line, then the signed checkpoint: each line newline-terminated. */
export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  const proof = request.proof.map((hash) => `${Buffer.from(hash).toString('base64')}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}

/** Parses an `add-checkpoint` body; AUDIT_BAD_PROOF for anything off the C2SP grammar. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  if (body.length > MAX_NOTE_LENGTH) throw bad('expected a request of at most 1 MiB, found more');
  const lines = body.split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(lines[0] ?? '');
  const oldSize = old ? Number(old[1]) : Number.NaN;
  if (!Number.isSafeInteger(oldSize)) throw bad('expected the first line to be "old" and a size in decimal without leading zeroes, found another');
  const proof: Buffer[] = [];
  let line = 1;
  for (; line < lines.length && lines[line] !== ''; line++) {
    const hash = decodeBase64(lines[line] ?? '');
    if (hash === undefined || hash.length !== TREE_HASH_LENGTH) throw bad(`expected proof line ${line} to be a base64 ${TREE_HASH_LENGTH}-byte hash, found another`);
    proof.push(hash);
  }
  if (line >= lines.length) throw bad('expected an empty line after the proof, found none');
  if (proof.length > MAX_WITNESS_PROOF_LINES) throw bad(`expected at most ${MAX_WITNESS_PROOF_LINES} proof lines, found ${proof.length}`);
  if (oldSize === 0 && proof.length > 0) throw bad('expected no proof from size 0, found one');
  const checkpoint = lines.slice(line + 1).join('\n');
  if (checkpoint.length === 0) throw bad('expected a signed checkpoint after the empty line, found nothing');
  return { oldSize, proof, checkpoint };
}

function bad(message: string): AuditError {
  return new AuditError('AUDIT_BAD_PROOF', message);
}
