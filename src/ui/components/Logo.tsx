/** The Coffer mark: a vault door in a rounded square. */
export function Logo({ className = 'size-9' }: { className?: string }) {
  return (
    <svg viewBox="0 0 40 40" aria-hidden="true" className={className}>
      <rect width="40" height="40" rx="10" className="fill-emerald-500" />
      <circle cx="20" cy="20" r="10.5" fill="none" strokeWidth="2.5" className="stroke-white" />
      <circle cx="20" cy="20" r="3" className="fill-white" />
      <path d="M20 9.5v4M20 26.5v4M9.5 20h4M26.5 20h4" strokeWidth="2.5" strokeLinecap="round" className="stroke-white" />
    </svg>
  );
}
