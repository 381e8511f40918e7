/** The WebAuthn relying party the gateway verifies against: the bank's domain and the desktop's origin. */
export interface RelyingParty {
  rpId: string;
  /** The desktop shell serves its window at https://desktop.<rpId> (DESIGN.md "The desktop shell"). */
  origin: string;
}

/** The default rpId, as the desktop's (src/app/keys/relyingParty.ts, which the gateway may not import). */
export const DEFAULT_RP_ID = 'bank.example';

export function gatewayRelyingParty(rpId: string = DEFAULT_RP_ID): RelyingParty {
  return Object.freeze({ rpId, origin: `https://desktop.${rpId}` });
}
