import { hashChildren } from './hashChildren.js';
import { readNode, type MerkleNodeReader } from './merkleNodeReader.js';
import { largestPowerOfTwoUpTo, levelOf } from './treeShape.js';

/**
 * Root of the RFC 9162 subtree over leaves [begin, end), from the perfect subtrees that tile it:
 * `begin` must be a multiple of a power of two ≥ end − begin (true of every subtree RFC 9162 §2.1.1
 * forms), and end > begin. Reads popcount(end − begin) nodes and hashes one fewer.
 */
export function subtreeRoot(reader: MerkleNodeReader, begin: number, end: number): Uint8Array {
  const tiles: Uint8Array[] = [];
  for (let position = begin; position < end; ) {
    const width = largestPowerOfTwoUpTo(end - position);
    tiles.push(readNode(reader, levelOf(width), position / width));
    position += width;
  }
  // The left subtree of an RFC 9162 tree is always the largest perfect one, so fold right to left.
  let root = tiles[tiles.length - 1] as Uint8Array;
  for (let i = tiles.length - 2; i >= 0; i--) root = hashChildren(tiles[i] as Uint8Array, root);
  return root;
}
