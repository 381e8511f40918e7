import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { callCoffer, probeStepUp } from '../ipc/callCoffer';
import type { ApiCommandName, CofferResult, Commands } from '../ipc/wire';
import type { Assertion, AssertionRequest } from './keyCeremony';

/*
 * The hardware-key step-up of the window (issue 12): while a ceremony waits for a touch, one notice says what
 * the key is asked to confirm; a command that needs the key is asked about first and sent once, with the
 * assertion. A ceremony that does not happen sends nothing, so nothing changes.
 */

type SetPrompt = (what: string | undefined) => void;
const PromptContext = createContext<SetPrompt | undefined>(undefined);

/** The notice shown while a key is asked; `what` names the action in the user's words. */
function KeyPrompt({ what }: { what: string }) {
  const { t } = useI18n();
  return (
    <div role="status" data-key-prompt className="fixed inset-x-0 bottom-6 z-50 mx-auto w-fit max-w-xl rounded-2xl border border-emerald-300 bg-white px-5 py-4 text-sm text-slate-900 shadow-lg">
      <p className="font-semibold">{t('keys.touch')}</p>
      <p className="text-slate-700">{what}</p>
    </div>
  );
}

export function StepUpProvider({ children }: { children: ReactNode }) {
  const [prompt, setPrompt] = useState<string | undefined>();
  return (
    <PromptContext.Provider value={setPrompt}>
      {children}
      {prompt !== undefined && <KeyPrompt what={prompt} />}
    </PromptContext.Provider>
  );
}

export interface KeyAsk extends Omit<AssertionRequest, 'options'> {
  /** What the key confirms, shown while it waits. */
  what: string;
}

export interface StepUp {
  /** A user-verified assertion by one of the user's keys over a fresh challenge of `keys.assert-options` (or `challenge`). */
  askKey(ask: KeyAsk): Promise<CofferResult<Assertion>>;
  /**
   * Runs `command`, asking the key first when the command will need it: the app is asked whether it would
   * (every check up to the step-up, nothing run), so a refusal comes before the touch and a command that
   * runs sends its proof the first time.
   */
  withStepUp<N extends ApiCommandName>(command: N, input: Commands[N]['input'], what: string): Promise<CofferResult<Commands[N]['output']>>;
}

export function useStepUp(): StepUp {
  const setPrompt = useContext(PromptContext);
  if (setPrompt === undefined) throw new Error('useStepUp outside StepUpProvider');
  const askKey = useCallback(
    async ({ what, ...request }: KeyAsk): Promise<CofferResult<Assertion>> => {
      const options = await callCoffer('keys.assert-options', {});
      if (!options.ok) return options;
      const allowed = (options.value.options as { allowCredentials?: unknown[] }).allowCredentials ?? [];
      // Ensure there is a key to ask: with an empty list the browser would wait for any key at all.
      if (allowed.length === 0) return { ok: false, error: { code: 'UI_NO_KEY', message: 'no hardware key is enrolled for you in this vault' } };
      setPrompt(what);
      try {
        // The WebAuthn library loads with the first ceremony, not with the first screen.
        const { getAssertion } = await import('./keyCeremony');
        return await getAssertion({ ...request, options: options.value.options });
      } finally {
        setPrompt(undefined);
      }
    },
    [setPrompt],
  );
  const withStepUp = useCallback(
    async <N extends ApiCommandName>(command: N, input: Commands[N]['input'], what: string): Promise<CofferResult<Commands[N]['output']>> => {
      const probe = await probeStepUp(command, input);
      if (!probe.ok) return probe;
      if (!probe.value.stepUp) return callCoffer(command, input);
      const assertion = await askKey({ what });
      if (!assertion.ok) return assertion;
      return callCoffer(command, input, undefined, assertion.value.proof);
    },
    [askKey],
  );
  return useMemo(() => ({ askKey, withStepUp }), [askKey, withStepUp]);
}
