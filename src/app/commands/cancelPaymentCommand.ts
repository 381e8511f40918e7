import { implementCommand } from '../dispatch/defineCommand.js';
import { paymentTransition } from './paymentTransition.js';

/** `payments.cancel`: from any status before the file left for the bank. */
export const cancelPaymentCommand = implementCommand('payments.cancel', paymentTransition('cancelled'));
