import { implementCommand } from '../dispatch/defineCommand.js';
import { paymentTransition } from './paymentTransition.js';

/** `payments.submit`: the maker hands a draft to the approvers. */
export const submitPaymentCommand = implementCommand('payments.submit', paymentTransition('pending_approval'));
