import { SHA256_LENGTH, sha256 } from '../crypto/index.js';

/** RFC 9162 §2.1.1: every tree hash is a SHA-256 output. */
export const TREE_HASH_LENGTH = SHA256_LENGTH;

/** RFC 9162 §2.1.1: domain-separation byte before a leaf's entry, so a leaf can never pose as a node. */
export const LEAF_HASH_PREFIX = 0x00;

/** RFC 9162 §2.1.1: domain-separation byte before two child hashes. */
export const NODE_HASH_PREFIX = 0x01;

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of an empty string. */
export function emptyTreeRoot(): Buffer {
  return sha256();
}
