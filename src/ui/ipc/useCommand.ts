import { useQuery } from '@tanstack/react-query';
import { requireCoffer } from './callCoffer';
import type { CommandName, Commands } from './wire';

/** A read command as a TanStack query keyed by its name and input. */
export function useCommand<N extends CommandName>(command: N, input: Commands[N]['input'], options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [command, input],
    queryFn: () => requireCoffer(command, input),
    enabled: options.enabled ?? true,
  });
}
