import { ensureNotExpired, transitionPayment, type Payment, type PaymentStatus } from '../../domain/index.js';
import type { CommandImplementation } from '../dispatch/defineCommand.js';
import { paymentResource, requirePayment, updatePayment } from './records/paymentRecords.js';

interface Transition {
  moved: Payment;
  accountId: string;
  previousVersion: number;
}

/** How a command that only moves a payment one step along its lifecycle (cancel, submit) is carried out. */
export function paymentTransition(to: PaymentStatus): CommandImplementation<'payments.cancel', Transition> & CommandImplementation<'payments.submit', Transition> {
  return {
    prepare(ctx, input) {
      const { payment, accountId } = requirePayment(ctx.db, input.id);
      // Ensure nobody is asked to approve an order that has already gone stale.
      if (to === 'pending_approval') ensureNotExpired(payment, ctx.now);
      // Refuses an illegal step (DOMAIN_ILLEGAL_TRANSITION) before anything is authorised or changed.
      const moved = transitionPayment(payment, to);
      const details = { from: payment.status, to: moved.status, version: moved.version };
      return { resource: paymentResource(payment), target: payment.id, details, data: { moved, accountId, previousVersion: payment.version } };
    },
    run(ctx, _input, { moved, accountId, previousVersion }) {
      updatePayment(ctx.db, moved, accountId, previousVersion, ctx.now);
      return { id: moved.id, status: moved.status, version: moved.version };
    },
  };
}
