import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Logo } from '../components/Logo';
import { LockIcon } from '../components/icons';
import { useI18n } from '../i18n/i18n';
import type { SessionInfo } from '../ipc/wire';
import { BankSyncStatus } from './BankSyncStatus';
import type { Section, SectionId } from './sections';

interface AppFrameProps {
  session: SessionInfo;
  /** The sections this user's roles may open. */
  sections: readonly Section[];
  section: SectionId;
  onNavigate(section: SectionId): void;
  onLock(): void;
  children: ReactNode;
}

/** Sidebar with the sections, a top bar with who is signed in, the language and the lock button. */
export function AppFrame({ session, sections, section, onNavigate, onLock, children }: AppFrameProps) {
  const { t } = useI18n();
  const groups = [
    { id: 'banking', label: t('nav.group.banking') },
    { id: 'control', label: t('nav.group.control') },
  ] as const;
  const initials = session.userId.slice(0, 2).toUpperCase();
  const minutes = Math.max(1, Math.round(session.lockAfterMs / 60_000));
  return (
    <div className="flex h-screen overflow-hidden bg-slate-50">
      <aside className="flex w-64 shrink-0 flex-col bg-ink-950 text-slate-300">
        <div className="flex items-center gap-3 px-5 py-5">
          <Logo className="size-8" />
          <span className="text-lg font-semibold tracking-tight text-white">{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.sections')} className="flex-1 space-y-6 px-3 py-2">
          {groups.map((group) => (
            <div key={group.id}>
              <p className="px-3 pb-2 text-[11px] font-semibold uppercase tracking-wider text-slate-400">{group.label}</p>
              <ul className="space-y-0.5">
                {sections.filter((s) => s.group === group.id).map(({ id, label, icon: Icon }) => {
                  const current = id === section;
                  return (
                    <li key={id}>
                      <Button
                        onPress={() => onNavigate(id)}
                        aria-current={current ? 'page' : undefined}
                        data-section={id}
                        className={`group flex w-full cursor-default items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium outline-none transition data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-400 ${current ? 'bg-white/10 text-white' : 'text-slate-300 data-[hovered]:bg-white/5 data-[hovered]:text-slate-200'}`}
                      >
                        <Icon className={`size-5 ${current ? 'text-emerald-400' : 'text-slate-500 group-data-[hovered]:text-slate-300'}`} />
                        {t(label)}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
        <div className="space-y-1 border-t border-white/5 p-4 text-xs text-slate-400">
          <BankSyncStatus />
          <p className="truncate font-mono" title={session.vaultId}>{session.vaultId.slice(0, 8)}</p>
        </div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 shrink-0 items-center justify-end gap-4 border-b border-slate-200 bg-white px-8">
          <LanguageSwitch />
          <div className="h-6 w-px bg-slate-200" />
          <div className="flex items-center gap-3">
            <span className="grid size-9 place-items-center rounded-full bg-emerald-100 text-sm font-semibold text-emerald-800">{initials}</span>
            <div className="leading-tight">
              <p data-user className="text-sm font-semibold capitalize text-slate-900">{session.userId}</p>
              <p className="text-xs text-slate-500">{session.roles.map((role) => t(`role.${role}`)).join(', ') || '—'}</p>
            </div>
          </div>
          <Button
            onPress={onLock}
            aria-describedby="lock-hint"
            className="flex cursor-default items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm outline-none data-[hovered]:bg-slate-50 data-[focus-visible]:ring-2 data-[focus-visible]:ring-emerald-500"
          >
            <LockIcon className="size-4" />
            {t('top.lock')}
          </Button>
          <span id="lock-hint" className="sr-only">{t('top.lockHint', { minutes })}</span>
        </header>
        <main className="flex-1 overflow-y-auto">{children}</main>
      </div>
    </div>
  );
}
