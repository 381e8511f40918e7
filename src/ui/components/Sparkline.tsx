/**
 * A balance trend as an SVG line and area. Points are scaled here into the viewBox, so the chart needs
 * no inline style and no chart library; colours come from classes.
 */
export function Sparkline({ values, label, tone = 'up' }: { values: number[]; label: string; tone?: 'up' | 'down' }) {
  const width = 160;
  const height = 44;
  if (values.length < 2) return <svg viewBox={`0 0 ${width} ${height}`} className="h-11 w-40" role="img" aria-label={label} />;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = width / (values.length - 1);
  const points = values.map((v, i) => [i * step, height - 4 - ((v - min) / span) * (height - 8)] as const);
  const line = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  const area = `${line}L${width},${height}L0,${height}Z`;
  const stroke = tone === 'up' ? 'stroke-emerald-500' : 'stroke-rose-500';
  const fill = tone === 'up' ? 'fill-emerald-500/10' : 'fill-rose-500/10';
  return (
    <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="h-11 w-40" role="img" aria-label={label}>
      <path d={area} className={fill} />
      <path d={line} fill="none" strokeWidth={1.75} strokeLinejoin="round" className={stroke} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
