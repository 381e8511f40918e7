import type { ReactNode } from 'react';

/*
 * A few line icons drawn as SVG paths (24×24, stroke = currentColor). No icon font, no data: URL and no
 * inline style, so the strict CSP holds.
 */
function Icon({ children, className = 'size-5' }: { children: ReactNode; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      {children}
    </svg>
  );
}

type IconProps = { className?: string };

export const OverviewIcon = (p: IconProps) => <Icon {...p}><path d="M3 13h8V3H3zM13 21h8V11h-8zM3 21h8v-6H3zM13 3v6h8V3z" /></Icon>;
export const TransactionsIcon = (p: IconProps) => <Icon {...p}><path d="M7 7h13M7 7l3-3M7 7l3 3M17 17H4m13 0-3-3m3 3-3 3" /></Icon>;
export const PayeesIcon = (p: IconProps) => <Icon {...p}><path d="M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M21 19v-1a4 4 0 0 0-3-3.87M16 3.13a3.5 3.5 0 0 1 0 6.75" /></Icon>;
export const PaymentsIcon = (p: IconProps) => <Icon {...p}><path d="M3 7h18v11H3zM3 11h18M7 15h3" /></Icon>;
export const ApprovalsIcon = (p: IconProps) => <Icon {...p}><path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6zM8.5 12l2.5 2.5 4.5-5" /></Icon>;
export const StatementsIcon = (p: IconProps) => <Icon {...p}><path d="M14 3H6v18h12V7zM14 3v4h4M9 12h6M9 16h6" /></Icon>;
export const AuditIcon = (p: IconProps) => <Icon {...p}><path d="M9 5H6v16h12V5h-3M9 3h6v4H9zM9 12l2 2 4-4M9 17h6" /></Icon>;
export const SettingsIcon = (p: IconProps) => <Icon {...p}><path d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6" /><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1" /></Icon>;
export const KeyIcon = (p: IconProps) => <Icon {...p}><path d="M14.5 13.5a5 5 0 1 0-4-4L3 17v4h4v-2h2v-2h2zM16.5 7.5h.01" /></Icon>;
export const LockIcon = (p: IconProps) => <Icon {...p}><path d="M5 11h14v10H5zM8 11V7a4 4 0 1 1 8 0v4M12 15v2" /></Icon>;
export const ShieldIcon = (p: IconProps) => <Icon {...p}><path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6z" /></Icon>;
export const OfflineIcon = (p: IconProps) => <Icon {...p}><path d="M2 8.8a15 15 0 0 1 4.2-2.6M10.7 5.1A15 15 0 0 1 22 8.8M5 12.5a10 10 0 0 1 5.2-2.7M16.8 10.5A10 10 0 0 1 19 12.5M8.5 16a5 5 0 0 1 7 0M12 20h.01M3 3l18 18" /></Icon>;
export const LogIcon = (p: IconProps) => <Icon {...p}><path d="M4 6h16M4 12h16M4 18h10M18 16l2 2 3-3" /></Icon>;
export const AlertIcon = (p: IconProps) => <Icon {...p}><path d="M12 3 2 20h20zM12 10v4M12 17h.01" /></Icon>;
export const ArrowIcon = (p: IconProps) => <Icon {...p}><path d="M5 12h14M13 6l6 6-6 6" /></Icon>;
export const GlobeIcon = (p: IconProps) => <Icon {...p}><path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" /></Icon>;
