/** The WebAuthn relying party: the bank's domain, so a credential also works on the bank's website (issue 12). */
export interface RelyingParty {
  rpId: string;
  /** The window's origin: the desktop shell serves the UI at https://desktop.<rpId>. */
  origin: string;
  rpName: string;
}

/** The default relying party, as the desktop shell's DEFAULT_RP_ID. */
export const DEFAULT_RP_ID = 'bank.example';

/** How long a step-up stays fresh unless the policy shortens it (issue 12: 5 minutes). */
export const DEFAULT_STEP_UP_SECONDS = 300;

export function relyingPartyFor(rpId: string = DEFAULT_RP_ID): RelyingParty {
  return Object.freeze({ rpId, origin: `https://desktop.${rpId}`, rpName: 'Coffer' });
}
