import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from './i18n/i18n';
import { callCoffer } from './ipc/callCoffer';
import type { SessionInfo } from './ipc/wire';
import { Dashboard } from './screens/Dashboard';
import { LockScreen } from './screens/LockScreen';
import { Placeholder } from './screens/Placeholder';
import { AppFrame } from './shell/AppFrame';
import { SECTIONS, type SectionId } from './shell/sections';

type View = { kind: 'booting' } | { kind: 'locked'; autoLocked: boolean } | { kind: 'unlocked'; session: SessionInfo };

/**
 * Locked or unlocked, as the shell says. Nothing of the vault is cached beyond this page's memory: when the
 * vault locks, the shell reloads the page, and all of it is gone.
 */
export function App() {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ kind: 'booting' });
  const [section, setSection] = useState<SectionId>('overview');
  const queries = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } } }), []);

  useEffect(() => {
    void callCoffer('session.state', {}).then((result) => {
      if (result.ok && !result.value.locked) setView({ kind: 'unlocked', session: result.value });
      else setView({ kind: 'locked', autoLocked: result.ok && result.value.locked && result.value.reason === 'idle' });
    });
  }, []);

  useEffect(() => {
    document.title = view.kind === 'unlocked' ? `${t(SECTIONS.find((s) => s.id === section)?.label ?? 'nav.overview')} · Coffer` : 'Coffer';
  }, [view.kind, section, t]);

  if (view.kind === 'booting') return <div className="min-h-screen bg-white" />;
  if (view.kind === 'locked') return <LockScreen autoLocked={view.autoLocked} onUnlocked={(session) => setView({ kind: 'unlocked', session })} />;

  const current = SECTIONS.find((s) => s.id === section);
  const lock = () => {
    queries.clear();
    setView({ kind: 'locked', autoLocked: false });
    void callCoffer('session.lock', {});
  };
  return (
    <QueryClientProvider client={queries}>
      <AppFrame session={view.session} section={section} onNavigate={setSection} onLock={lock}>
        {current === undefined || current.id === 'overview' ? <Dashboard session={view.session} /> : <Placeholder key={current.id} section={current} />}
      </AppFrame>
    </QueryClientProvider>
  );
}
