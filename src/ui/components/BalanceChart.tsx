/**
 * A balance over time as an SVG area with labelled axes. Points are scaled here into the viewBox, so the
 * chart needs no inline style and no chart library; colours come from classes.
 */
export function BalanceChart({ values, days, label, format, formatDay }: { values: readonly number[]; days: readonly string[]; label: string; format(minor: number): string; formatDay(day: string): string }) {
  const width = 720;
  const height = 220;
  const left = 110;
  const bottom = 28;
  const plotW = width - left - 12;
  const plotH = height - bottom - 12;
  if (values.length < 2) return <svg viewBox={`0 0 ${width} ${height}`} className="h-56 w-full" role="img" aria-label={label} />;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => left + (i / (values.length - 1)) * plotW;
  const y = (v: number) => 12 + plotH - ((v - min) / span) * plotH;
  const line = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const area = `${line}L${x(values.length - 1)},${12 + plotH}L${left},${12 + plotH}Z`;
  const ticks = [min, min + span / 2, max].map((v) => Math.round(v));
  const dayTicks = [0, Math.floor((days.length - 1) / 2), days.length - 1];
  const last = values.at(-1) ?? 0;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-56 w-full" role="img" aria-label={`${label}: ${format(values[0] ?? 0)} → ${format(last)}`}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - 12} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeDasharray="3 4" />
          <text x={left - 8} y={y(tick) + 4} textAnchor="end" className="fill-slate-600 text-[11px] tabular-nums">{format(tick)}</text>
        </g>
      ))}
      {dayTicks.map((i) => (
        <text key={i} x={x(i)} y={height - 8} textAnchor={i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'} className="fill-slate-600 text-[11px]">{formatDay(days[i] ?? '')}</text>
      ))}
      <path d={area} className="fill-emerald-500/10" />
      <path d={line} fill="none" strokeWidth={2} strokeLinejoin="round" className="stroke-emerald-600" />
      <circle cx={x(values.length - 1)} cy={y(last)} r={4} className="fill-emerald-600" />
    </svg>
  );
}
