import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useI18n } from './i18n/i18n';
import { callCoffer } from './ipc/callCoffer';
import type { SessionInfo } from './ipc/wire';
import { Dashboard } from './screens/Dashboard';
import { StepUpProvider } from './keys/StepUp';
import { LockScreen } from './screens/LockScreen';
import { permits, SessionProvider } from './session/SessionContext';
import { AppFrame } from './shell/AppFrame';
import { SECTIONS, type SectionId } from './shell/sections';

type View = { kind: 'booting' } | { kind: 'locked'; autoLocked: boolean } | { kind: 'unlocked'; session: SessionInfo };

/**
 * A fresh vault (made by `coffer init`, no bank policy yet) whose owner may enrol it opens on the first-run
 * screen; `bank.enrol` itself refuses any other vault, so this only chooses what to show.
 */
async function isFreshVault(session: SessionInfo): Promise<boolean> {
  if (session.task !== undefined || !session.permissions.includes('bank:enrol')) return false;
  const shown = await callCoffer('vault.show', {});
  return shown.ok && shown.value.policy.status === 'none';
}

// Each section is its own chunk: the lock screen and the overview load first, the rest when opened.
const SCREENS = {
  transactions: lazy(() => import('./screens/transactions/TransactionsScreen').then((m) => ({ default: m.TransactionsScreen }))),
  payees: lazy(() => import('./screens/payees/PayeesScreen').then((m) => ({ default: m.PayeesScreen }))),
  payments: lazy(() => import('./screens/payments/PaymentsScreen').then((m) => ({ default: m.PaymentsScreen }))),
  approvals: lazy(() => import('./screens/payments/ApprovalsScreen').then((m) => ({ default: m.ApprovalsScreen }))),
  statements: lazy(() => import('./screens/statements/StatementsScreen').then((m) => ({ default: m.StatementsScreen }))),
  audit: lazy(() => import('./screens/audit/AuditScreen').then((m) => ({ default: m.AuditScreen }))),
  keys: lazy(() => import('./screens/keys/KeysScreen').then((m) => ({ default: m.KeysScreen }))),
  settings: lazy(() => import('./screens/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen }))),
} as const;
// The window of `coffer payments approve`: only the approval, loaded only there.
const FirstRunScreen = lazy(() => import('./screens/enrol/FirstRunScreen').then((m) => ({ default: m.FirstRunScreen })));
const ApprovalTaskWindow = lazy(() => import('./screens/payments/ApprovalTaskWindow').then((m) => ({ default: m.ApprovalTaskWindow })));

/**
 * Locked or unlocked, as the shell says. Nothing of the vault is cached beyond this page's memory: when the
 * vault locks, the shell reloads the page, and all of it is gone.
 */
export function App() {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ kind: 'booting' });
  const [section, setSection] = useState<SectionId>('overview');
  /** Whether the unlocked vault waits for its enrolment; undefined while that is being asked. */
  const [firstRun, setFirstRun] = useState<boolean | undefined>();
  const queries = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } } }), []);

  useEffect(() => {
    void callCoffer('session.state', {}).then((result) => {
      if (result.ok && !result.value.locked) setView({ kind: 'unlocked', session: result.value });
      else setView({ kind: 'locked', autoLocked: result.ok && result.value.locked && result.value.reason === 'idle' });
    });
  }, []);

  const unlockedSession = view.kind === 'unlocked' ? view.session : undefined;
  useEffect(() => {
    if (unlockedSession === undefined) return setFirstRun(undefined);
    let current = true;
    void isFreshVault(unlockedSession).then((fresh) => {
      if (current) setFirstRun(fresh);
    });
    return () => {
      current = false;
    };
  }, [unlockedSession]);

  useEffect(() => {
    document.title = view.kind === 'unlocked' ? `${t(SECTIONS.find((s) => s.id === section)?.label ?? 'nav.overview')} · Coffer` : 'Coffer';
  }, [view.kind, section, t]);

  if (view.kind === 'booting') return <div className="min-h-screen bg-white" />;
  if (view.kind === 'locked') return <LockScreen autoLocked={view.autoLocked} onUnlocked={(session) => setView({ kind: 'unlocked', session })} />;

  const { session } = view;
  if (firstRun === undefined) return <div className="min-h-screen bg-slate-50" />;
  if (firstRun) {
    return (
      <Suspense fallback={<div className="min-h-screen bg-slate-50" />}>
        <FirstRunScreen
          onEnrolled={(enrolled) => {
            queries.clear();
            setSection('overview');
            setView({ kind: 'unlocked', session: enrolled });
          }}
        />
      </Suspense>
    );
  }
  if (session.task !== undefined) {
    return (
      <QueryClientProvider client={queries}>
        <SessionProvider session={session}>
          <StepUpProvider>
            <Suspense fallback={<div className="min-h-screen bg-slate-50" />}>
              <ApprovalTaskWindow task={session.task} />
            </Suspense>
          </StepUpProvider>
        </SessionProvider>
      </QueryClientProvider>
    );
  }
  const sections = SECTIONS.filter((s) => permits(session, s.needs));
  const current = sections.find((s) => s.id === section) ?? sections[0];
  const lock = () => {
    queries.clear();
    setView({ kind: 'locked', autoLocked: false });
    void callCoffer('session.lock', {});
  };
  const Screen = current === undefined || current.id === 'overview' ? undefined : SCREENS[current.id];
  return (
    <QueryClientProvider client={queries}>
      <SessionProvider session={session}>
        <StepUpProvider>
          <AppFrame session={session} sections={sections} section={current?.id ?? 'overview'} onNavigate={setSection} onLock={lock}>
            <Suspense fallback={<p className="px-8 py-8 text-sm text-slate-600">{t('overview.loading')}</p>}>
              {Screen === undefined ? <Dashboard session={session} onNavigate={setSection} /> : <Screen key={current?.id} />}
            </Suspense>
          </AppFrame>
        </StepUpProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
