import { createContext, useContext, type ReactNode } from 'react';
import { COMMAND_SPECS } from '../../api/index.js';
import type { ApiCommandName, SessionInfo } from '../ipc/wire';

const SessionContext = createContext<SessionInfo | undefined>(undefined);

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/**
 * Whether the user's roles hold the permission `command` needs at all. The window leaves out what they
 * cannot do; the command still decides for the accounts and amounts it touches, and says why in words.
 */
export function permits(session: SessionInfo, command: ApiCommandName): boolean {
  return session.permissions.includes(COMMAND_SPECS[command].permission);
}

export function useCan(): (command: ApiCommandName) => boolean {
  const session = useSession();
  return (command) => permits(session, command);
}
