import type { ReactNode } from 'react';

/** One screen: its heading, a line of context, actions on the right; `ready` once its data has arrived. */
export function Page({ id, title, subtitle, actions, ready, children, wide = false }: { id: string; title: string; subtitle?: string; actions?: ReactNode; ready?: boolean; children: ReactNode; wide?: boolean }) {
  return (
    <div data-screen={id} data-ready={ready ? 'true' : undefined} className={`mx-auto space-y-6 px-8 py-8 ${wide ? 'max-w-[96rem]' : 'max-w-7xl'}`}>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function Card({ title, children, className = '', actions, labelledBy }: { title?: string; children: ReactNode; className?: string; actions?: ReactNode; labelledBy?: string }) {
  return (
    <section aria-labelledby={labelledBy} className={`rounded-2xl border border-slate-200 bg-white shadow-sm ${className}`}>
      {title && (
        <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-6 py-4">
          <h2 id={labelledBy} className="text-sm font-semibold text-slate-900">{title}</h2>
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
