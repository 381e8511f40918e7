import { paymentTransition } from './paymentTransition.js';

/** `payments.submit`: the maker hands a draft to the approvers. */
export const submitPaymentCommand = paymentTransition({
  name: 'payments.submit',
  permission: 'payments:submit',
  to: 'pending_approval',
  summary: 'hand a draft to the approvers (draft → pending_approval)',
});
