import { useEffect, useState } from 'react';
import { callCoffer } from '../../ipc/callCoffer';
import type { Booking, Refusal } from '../../ipc/wire';

/** The largest page `transactions.list` gives. */
const PAGE = 1000;
/** Pages asked for at once: the door runs at most 16 commands of a window together. */
const PARALLEL = 3;

export interface BookingScope {
  account?: string;
  from?: string;
  to?: string;
}

export interface AllBookings {
  rows: readonly Booking[];
  total: number | undefined;
  complete: boolean;
  refusal: Refusal | undefined;
}

/**
 * Every booking of an account (or all readable accounts) in a date range, loaded page by page into this
 * page's memory, where search and filters then run between two frames. Rows show as their pages arrive;
 * the scope itself is asked of the app.
 */
export function useAllBookings(scope: BookingScope): AllBookings {
  const [state, setState] = useState<AllBookings>({ rows: [], total: undefined, complete: false, refusal: undefined });
  const { account, from, to } = scope;
  useEffect(() => {
    let cancelled = false;
    setState({ rows: [], total: undefined, complete: false, refusal: undefined });
    const base = { ...(account ? { account } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    void (async () => {
      const first = await callCoffer('transactions.list', { ...base, limit: PAGE, offset: 0 });
      if (cancelled) return;
      if (!first.ok) return setState((s) => ({ ...s, refusal: first.error }));
      let rows: Booking[] = first.value.transactions;
      const total = first.value.total;
      setState({ rows, total, complete: rows.length >= total, refusal: undefined });
      for (let offset = PAGE; offset < total && !cancelled; offset += PAGE * PARALLEL) {
        const offsets = [0, 1, 2].map((i) => offset + i * PAGE).slice(0, PARALLEL).filter((o) => o < total);
        const pages = await Promise.all(offsets.map((o) => callCoffer('transactions.list', { ...base, limit: PAGE, offset: o })));
        if (cancelled) return;
        const failed = pages.find((page) => !page.ok);
        if (failed && !failed.ok) return setState((s) => ({ ...s, refusal: failed.error }));
        rows = rows.concat(...pages.map((page) => (page.ok ? page.value.transactions : [])));
        setState({ rows, total, complete: rows.length >= total, refusal: undefined });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [account, from, to]);
  return state;
}
