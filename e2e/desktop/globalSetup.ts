import { ensureUiBuilt, locateCheckout } from '../../src/desktop/index.js';

/** Builds dist/ui once before the workers start, so no two shells race to rebuild it. */
export default function globalSetup(): void {
  ensureUiBuilt(locateCheckout(import.meta.dirname));
}
