// Kept out of src/domain/index.ts on purpose: that index is imported by code that must start fast, and this
// feature pulls in megabytes of word lists (lazily, but the import graph should not even mention them there).
export { passwordStrength, MIN_PASSWORD_SCORE, type PasswordStrength } from './passwordStrength.js';
export { assertStrongPassword } from './assertStrongPassword.js';
export { loadPasswordEstimator } from './loadPasswordEstimator.js';
