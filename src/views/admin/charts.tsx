/**
 * Server-rendered SVG charts: no library, no script. Each chart is an image with a name
 * (`role="img"`, `aria-label`, `<title>`, `<desc>`) and, for screen readers, the same numbers as a
 * visually hidden table. Reused by every dashboard chart (articles, comments, money against a goal).
 */

export interface ChartDatum {
  /** The category in full, for the table and the bar's tooltip: "May 20, 2026". */
  label: string;
  /** A short axis label: "20". Defaults to `label`. */
  tick?: string;
  value: number;
}

export interface ChartProps {
  /** Unique on the page; ids inside the chart derive from it. */
  id: string;
  title: string;
  /** One sentence that says what the chart shows ("12 articles in 30 days, most on May 3"). */
  summary: string;
  kind: 'bar' | 'line';
  data: ChartDatum[];
  /** Column headings of the screen-reader table. */
  columns: { label: string; value: string };
  /** Number formatting for the axis, tooltips and table (the site's locale). */
  format?: (value: number) => string;
  /** A horizontal target line (a campaign goal), labelled. */
  goal?: { value: number; label: string };
  width?: number;
  height?: number;
}

const baseMargin = { top: 12, right: 12, bottom: 28, left: 44 };

/** 1, 2 or 5 × 10^k, the smallest such step ≥ raw. Whole numbers for whole data. */
function niceStep(raw: number, integers: boolean): number {
  if (raw <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const f = raw / exp;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * exp;
  return integers ? Math.max(1, Math.ceil(step)) : step;
}

/** The y axis: ticks from 0 to a round top that covers every value (and the goal). */
export function yScale(values: number[], tickCount = 4): { top: number; ticks: number[] } {
  const max = Math.max(0, ...values);
  const integers = values.every((v) => Number.isInteger(v));
  // An empty chart still gets a readable axis (0 to 4).
  const target = max || tickCount;
  const step = niceStep(target / tickCount, integers);
  const top = Number((Math.ceil(target / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { top, ticks };
}

export function Chart(props: ChartProps) {
  const { id, data, kind } = props;
  const format = props.format ?? ((n: number) => String(n));
  const width = props.width ?? 640;
  const height = props.height ?? 240;
  const { top, ticks } = yScale([...data.map((d) => d.value), ...(props.goal ? [props.goal.value] : [])]);
  // Room for the longest axis label ("$12,500" needs more than "4"), at the axis' 11px font.
  const margin = { ...baseMargin, left: Math.max(baseMargin.left, 12 + 7 * Math.max(0, ...ticks.map((v) => format(v).length))) };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  const band = data.length ? plotW / data.length : plotW;
  const x = (i: number) => margin.left + band * i + band / 2;
  // At most ~10 axis labels, always including the last (today).
  const every = Math.max(1, Math.ceil(data.length / 10));
  const showTick = (i: number) => (data.length - 1 - i) % every === 0;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const line = data.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(' ');

  return (
    <figure class="chart" id={id}>
      <svg
        class={`chart-svg chart-${kind}`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={props.title}
        aria-describedby={descId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.summary}</desc>
        <g class="chart-grid">
          {ticks.map((v) => (
            <g>
              <line x1={margin.left} x2={width - margin.right} y1={y(v)} y2={y(v)} />
              <text x={margin.left - 6} y={y(v)} dy="0.32em" text-anchor="end">
                {format(v)}
              </text>
            </g>
          ))}
        </g>
        <g class="chart-axis">
          <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} />
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={y(0)} />
          {data.map((d, i) =>
            showTick(i) ? (
              <text x={x(i)} y={height - margin.bottom + 16} text-anchor="middle">
                {d.tick ?? d.label}
              </text>
            ) : null,
          )}
        </g>
        <g class="chart-data">
          {kind === 'bar'
            ? data.map((d, i) => (
                <rect x={x(i) - (band * 0.7) / 2} y={y(d.value)} width={band * 0.7} height={Math.max(0, y(0) - y(d.value))} rx="1">
                  <title>{`${d.label}: ${format(d.value)}`}</title>
                </rect>
              ))
            : data.length > 0 && (
                <>
                  <path d={line} fill="none" />
                  {data.map((d, i) => (
                    <circle cx={x(i)} cy={y(d.value)} r="3">
                      <title>{`${d.label}: ${format(d.value)}`}</title>
                    </circle>
                  ))}
                </>
              )}
        </g>
        {props.goal && (
          <g class="chart-goal">
            <line x1={margin.left} x2={width - margin.right} y1={y(props.goal.value)} y2={y(props.goal.value)} stroke-dasharray="6 4" />
            <text x={width - margin.right} y={y(props.goal.value) - 4} text-anchor="end">
              {props.goal.label}
            </text>
          </g>
        )}
      </svg>
      <table class="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.columns.label}</th>
            <th scope="col">{props.columns.value}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr>
              <th scope="row">{d.label}</th>
              <td>{format(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* Last child of the figure (HTML allows it first or last). The same sentence is the SVG's
          description, so it is hidden from screen readers here to be read once. */}
      <figcaption aria-hidden="true">{props.summary}</figcaption>
    </figure>
  );
}
