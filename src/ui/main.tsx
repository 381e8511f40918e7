import { StrictMode } from 'react';
import { config } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';

/*
 * Browser features that would write what the window shows to disk or open it elsewhere: save page,
 * print, open file, view source, and dropping a file (which would navigate to it). The shell denies
 * downloads and navigation as well; these only spare the user a refusal.
 */
const BLOCKED_SHORTCUTS = new Set(['s', 'p', 'o', 'u']);
window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && BLOCKED_SHORTCUTS.has(event.key.toLowerCase())) event.preventDefault();
});
window.addEventListener('contextmenu', (event) => {
  const target = event.target as HTMLElement | null;
  if (!target?.closest('input, textarea')) event.preventDefault();
});
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

// zod compiles fast parsers with new Function when it may; the CSP forbids that, and even zod's probe for it
// would be reported as a violation. The app's schemas run interpreted here.
config({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
