import { z } from 'zod';
import { PaymentId, transitionPayment, type PaymentStatus } from '../../domain/index.js';
import type { Permission } from '../../policy/index.js';
import { defineCommand } from '../dispatch/defineCommand.js';
import { paymentResource, requirePayment, updatePayment } from './records/paymentRecords.js';

/** A command that only moves a payment one step along its lifecycle (cancel, submit). */
export function paymentTransition(options: { name: string; permission: Permission; to: PaymentStatus; summary: string }) {
  return defineCommand({
    name: options.name,
    permission: options.permission,
    summary: options.summary,
    input: z.strictObject({ id: PaymentId }),
    stepUp: false,
    changes: true,
    prepare(ctx, input) {
      const { payment, accountId } = requirePayment(ctx.db, input.id);
      // Refuses an illegal step (DOMAIN_ILLEGAL_TRANSITION) before anything is authorised or changed.
      const moved = transitionPayment(payment, options.to);
      const details = { from: payment.status, to: moved.status, version: moved.version };
      return { resource: paymentResource(payment), target: payment.id, details, data: { moved, accountId, previousVersion: payment.version } };
    },
    run(ctx, _input, { moved, accountId, previousVersion }) {
      updatePayment(ctx.db, moved, accountId, previousVersion, ctx.now);
      return { id: moved.id, status: moved.status, version: moved.version };
    },
  });
}
