import { paymentTransition } from './paymentTransition.js';

/** `payments.cancel`: from any status before the file left for the bank. */
export const cancelPaymentCommand = paymentTransition({
  name: 'payments.cancel',
  permission: 'payments:cancel',
  to: 'cancelled',
  summary: 'cancel a payment that has not been submitted to the bank',
});
