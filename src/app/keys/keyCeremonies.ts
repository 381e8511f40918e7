import { randomBytes } from '../../crypto/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { DEFAULT_STEP_UP_SECONDS, relyingPartyFor, type RelyingParty } from './relyingParty.js';

/** A registration must finish within this time of its options (WebAuthn §5.4.1 suggests 300 s; we ask less). */
export const REGISTRATION_TIMEOUT_MS = 120_000;
/** 32 random bytes: WebAuthn §13.4.3 asks for at least 16. */
const CHALLENGE_BYTES = 32;

export type ChallengePurpose = 'register' | 'assert';

interface Issued {
  purpose: ChallengePurpose;
  expiresAt: number;
  /** The salt of a device-bound registration challenge (deviceRegistrationChallenge), base64url. */
  salt?: string;
}

/** A challenge the caller derived itself (a registration bound to the enrolled device), with its salt. */
export interface ChosenChallenge {
  challenge: string;
  salt: string;
}

/**
 * The WebAuthn state of one unlocked vault's session: the relying party and the challenges issued and not
 * yet used. Challenges live only in memory (a lock forgets them), are single use and expire.
 */
export class KeyCeremonies {
  readonly #issued = new Map<string, Issued>();

  constructor(readonly rp: RelyingParty) {}

  /**
   * A fresh base64url challenge for `purpose`, valid for `ttlMs`: 32 random bytes, or `chosen` (derived from
   * 32 random bytes of salt by the caller), which is then single use and expires the same way.
   */
  issue(purpose: ChallengePurpose, now: Date, ttlMs: number, chosen?: ChosenChallenge): string {
    this.#forgetExpired(now);
    const challenge = chosen?.challenge ?? randomBytes(CHALLENGE_BYTES).toString('base64url');
    this.#issued.set(challenge, { purpose, expiresAt: now.getTime() + ttlMs, ...(chosen ? { salt: chosen.salt } : {}) });
    return challenge;
  }

  /** Uses up `challenge`: true once if this session issued it for `purpose` and it has not expired. */
  consume(challenge: string, purpose: ChallengePurpose, now: Date): boolean {
    return this.take(challenge, purpose, now) !== undefined;
  }

  /** Uses up `challenge` as `consume` does, and says how it was issued (its salt, if the caller chose it). */
  take(challenge: string, purpose: ChallengePurpose, now: Date): { salt?: string } | undefined {
    const issued = this.#issued.get(challenge);
    if (issued === undefined || issued.purpose !== purpose) return undefined;
    this.#issued.delete(challenge);
    if (issued.expiresAt <= now.getTime()) return undefined;
    return issued.salt === undefined ? {} : { salt: issued.salt };
  }

  #forgetExpired(now: Date): void {
    for (const [challenge, issued] of this.#issued) if (issued.expiresAt <= now.getTime()) this.#issued.delete(challenge);
  }
}

const ceremonies = new WeakMap<UnlockedVault, KeyCeremonies>();

/** Sets the relying party of a vault's session (the desktop's rpId); the default is bank.example. */
export function configureKeyCeremonies(vault: UnlockedVault, rpId?: string): KeyCeremonies {
  const state = new KeyCeremonies(relyingPartyFor(rpId));
  ceremonies.set(vault, state);
  return state;
}

export function keyCeremoniesOf(vault: UnlockedVault): KeyCeremonies {
  return ceremonies.get(vault) ?? configureKeyCeremonies(vault);
}

/** The step-up freshness: the policy may shorten the default 5 minutes. */
export function stepUpWindowMs(rules: { stepUpSeconds?: number }): number {
  return Math.min(rules.stepUpSeconds ?? DEFAULT_STEP_UP_SECONDS, DEFAULT_STEP_UP_SECONDS) * 1000;
}
