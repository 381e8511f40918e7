import { describe } from 'vitest';
import { describeBundleVerifier } from '../../test/support/bundleVerifierCases.js';
import { hashEntryRange } from './hashEntryRange.js';
import { verifyBundle } from './verifyBundle.js';
import { verifyBundleInRanges } from './verifyBundleInRanges.js';

describe('verifyBundle, one entry after another', () => {
  describeBundleVerifier(async (input, options) => verifyBundle(input, options));
});

// Ranges of 4 and 8 entries: the 40-entry bundles of the cases cross many range edges, checkpoints fall
// inside ranges and on their edges, and the last range is short.
describe.each([4, 8])('verifyBundleInRanges, ranges of %i entries hashed in this thread', (rangeSize) => {
  describeBundleVerifier((input, options) => verifyBundleInRanges(input, async (packed) => hashEntryRange(packed), { ...options, rangeSize, inFlight: 2 }));
});
