/*
 * What the app and the gateway must agree on byte for byte: Coffer's RFC 9421 profile of signed requests
 * (signing on the device, reading on the gateway) and the bank's device certificate. Only crypto and
 * contract below it, so both deployables import the one copy.
 */
export {
  SIGNATURE_LABEL,
  COVERED_COMPONENTS,
  SIGNATURE_PARAMETERS,
  SIGNATURE_ALGORITHM,
  MAX_CLOCK_SKEW_MS,
  NONCE_PATTERN,
  ENROLMENT_KEY_ID,
} from './requestSignatureProfile.js';
export { contentDigest, contentDigestMatches } from './contentDigest.js';
export { signGatewayRequest, type SignGatewayRequestOptions } from './signGatewayRequest.js';
export { readRequestSignature, type ReceivedRequest, type RequestSignature } from './readRequestSignature.js';
export { signDeviceCertificate, verifyDeviceCertificate, DEVICE_CERTIFICATE_JWS_TYPE } from './deviceCertificate.js';
