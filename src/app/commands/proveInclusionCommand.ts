import { proveInclusion } from '../audit/proveInclusion.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/** `audit.prove`: RFC 9162 §2.1.3 inclusion proof of one entry in the tree of the latest checkpoint. */
export const proveInclusionCommand = implementCommand('audit.prove', {
  run(ctx, input) {
    return proveInclusion(ctx.vault, input.index);
  },
});
