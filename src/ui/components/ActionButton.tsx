import type { ReactNode } from 'react';
import { Button, type ButtonProps } from 'react-aria-components';

const TONES = {
  primary: 'bg-emerald-700 text-white data-[hovered]:bg-emerald-800 data-[pressed]:bg-emerald-900 shadow-sm',
  secondary: 'border border-slate-300 bg-white text-slate-800 data-[hovered]:bg-slate-50 shadow-sm',
  danger: 'border border-rose-300 bg-white text-rose-800 data-[hovered]:bg-rose-50 shadow-sm',
  quiet: 'text-slate-700 data-[hovered]:bg-slate-100',
} as const;

/** Every button of the screens: keyboard and pointer alike (react-aria), a ring that shows keyboard focus. */
export function ActionButton({ tone = 'secondary', children, className = '', ...props }: Omit<ButtonProps, 'children' | 'className'> & { tone?: keyof typeof TONES; children: ReactNode; className?: string }) {
  return (
    <Button
      {...props}
      className={`inline-flex cursor-default items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-medium outline-none transition data-[focus-visible]:ring-4 data-[focus-visible]:ring-emerald-500/40 data-[disabled]:opacity-60 ${TONES[tone]} ${className}`}
    >
      {children}
    </Button>
  );
}
