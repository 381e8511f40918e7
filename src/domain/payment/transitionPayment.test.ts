import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transitionPayment, isFinalStatus } from './transitionPayment.js';
import type { Payment, PaymentStatus } from './parsePayment.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';
import { CofferError } from '../../contract/index.js';

const STATUSES: PaymentStatus[] = ['draft', 'pending_approval', 'approved', 'queued', 'submitted', 'accepted', 'executed', 'rejected', 'cancelled'];

// The lifecycle of DESIGN.md, written out edge by edge independently of PAYMENT_TRANSITIONS.
const SPEC_EDGES = new Set([
  'draft→pending_approval',
  'pending_approval→approved',
  'approved→queued',
  'queued→submitted',
  'submitted→accepted',
  'submitted→rejected',
  // After acceptance, the bank's signed status reports (docs/gateway.md "Payment status after acceptance").
  'accepted→executed',
  'accepted→rejected',
  'draft→cancelled',
  'pending_approval→cancelled',
  'approved→cancelled',
  'queued→cancelled',
]);
const BEFORE_SUBMISSION = new Set<PaymentStatus>(['draft', 'pending_approval', 'approved', 'queued']);

const inStatus = (status: PaymentStatus): Payment => Object.freeze({ ...samplePayment(), status });

describe('transitionPayment', () => {
  describe('when the step follows the lifecycle', () => {
    it('walks a payment from draft to accepted, one version per step', () => {
      let payment = samplePayment();
      for (const to of ['pending_approval', 'approved', 'queued', 'submitted', 'accepted'] as const) {
        payment = transitionPayment(payment, to);
        expect(payment.status).toBe(to);
      }
      expect(payment.version).toBe(6);
    });

    it('leaves the input untouched', () => {
      const before = inStatus('draft');
      const after = transitionPayment(before, 'pending_approval');
      expect(before.status).toBe('draft');
      expect(after).toEqual({ ...before, status: 'pending_approval', version: before.version + 1 });
    });
  });

  describe('when the step is not in the lifecycle', () => {
    const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
    it.each(pairs.filter(([from, to]) => !SPEC_EDGES.has(`${from}→${to}`)))(
      'refuses %s → %s with DOMAIN_ILLEGAL_TRANSITION',
      async (from, to) => {
        await expect(() => transitionPayment(inStatus(from), to)).toThrowCode('DOMAIN_ILLEGAL_TRANSITION');
        expect(() => transitionPayment(inStatus(from), to)).toThrow(`cannot go from ${from} to ${to}`);
      },
    );

    it('refuses a status that does not exist with DOMAIN_ILLEGAL_TRANSITION', async () => {
      await expect(() => transitionPayment(inStatus('draft'), 'paid' as PaymentStatus)).toThrowCode('DOMAIN_ILLEGAL_TRANSITION');
      await expect(() => transitionPayment(inStatus('draft'), 'constructor' as PaymentStatus)).toThrowCode('DOMAIN_ILLEGAL_TRANSITION');
    });
  });

  describe('when steps are attempted at random', () => {
    it('follows exactly the lifecycle, ends for good, and cancels only before submission', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...STATUSES), { maxLength: 40 }), (attempts) => {
          let payment = samplePayment();
          let submitted = false;
          for (const to of attempts) {
            const from = payment.status;
            let next: Payment | undefined;
            try {
              next = transitionPayment(payment, to);
            } catch (error) {
              expect((error as CofferError).code).toBe('DOMAIN_ILLEGAL_TRANSITION');
            }
            expect(next !== undefined).toBe(SPEC_EDGES.has(`${from}→${to}`));
            if (!next) continue;
            expect(isFinalStatus(from)).toBe(false);
            expect(next.version).toBe(payment.version + 1);
            if (to === 'cancelled') {
              expect(BEFORE_SUBMISSION.has(from)).toBe(true);
              expect(submitted).toBe(false);
            }
            if (to === 'submitted') submitted = true;
            payment = next;
          }
          expect(STATUSES).toContain(payment.status);
        }),
        { numRuns: 500 },
      );
    });

    it('has no way out of executed, rejected or cancelled', () => {
      for (const final of ['executed', 'rejected', 'cancelled'] as const) {
        expect(isFinalStatus(final)).toBe(true);
        for (const to of STATUSES) expect(() => transitionPayment(inStatus(final), to)).toThrow(CofferError);
      }
    });
  });
});
