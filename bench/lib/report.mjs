// Rows of figures, their targets, and the bench/RESULTS.md they make.
import os from 'node:os';

/**
 * One figure of a benchmark. `target` is optional: `['>=', 5000]`, `['<', 20]`, `['=', 0]`.
 * `value` null means "could not be measured here" (e.g. RSS off Linux); with a target it fails.
 */
export function row(figure, value, unit, target, note) {
  return { figure, value, unit, target: target ?? null, note: note ?? '' };
}

const ops = {
  '>=': [(v, t) => v >= t, '≥'],
  '>': [(v, t) => v > t, '>'],
  '<': [(v, t) => v < t, '<'],
  '<=': [(v, t) => v <= t, '≤'],
  '=': [(v, t) => v === t, '='],
};

/** 'pass', 'fail', or '' when the figure has no target. */
export function verdict(r) {
  if (!r.target) return '';
  if (r.value === null || r.value === undefined || Number.isNaN(r.value)) return 'fail';
  const [op, limit] = r.target;
  return ops[op][0](r.value, limit) ? 'pass' : 'fail';
}

export function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  let text;
  if (unit === 'req/s' || (Number.isInteger(value) && unit !== 'ms')) text = Math.round(value).toLocaleString('en-US');
  else if (Math.abs(value) < 10) text = value.toFixed(2);
  else if (Math.abs(value) < 100) text = value.toFixed(1);
  else text = Math.round(value).toLocaleString('en-US');
  return unit ? `${text} ${unit}` : text;
}

function formatTarget(r) {
  if (!r.target) return '—';
  const [op, limit] = r.target;
  const text = Number.isInteger(limit) ? `${limit.toLocaleString('en-US')}${r.unit ? ` ${r.unit}` : ''}` : formatValue(limit, r.unit);
  return `${ops[op][1]} ${text}`;
}

/** Bytes to MB (10^6 bytes). */
export const mb = (bytes) => (bytes === null || bytes === undefined ? null : bytes / 1e6);

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(', '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** The whole of bench/RESULTS.md. */
export function renderResults({ rows, machine: m, settings, methods, failures, elapsedSeconds }) {
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${m.date}; do not edit by hand. See [README.md](README.md) for how`,
    'the figures are measured and how to add a benchmark.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${m.cpu} |`,
    `| cores | ${m.cores} |`,
    `| memory | ${m.memory} |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| load average (1, 5, 15 min) at the start | ${m.load} |`,
    `| date | ${m.date} |`,
    '',
    `Settings: ${settings}. The targets are for a 2-core machine; the server and the load generator share`,
    'it, and anything else running at the same time (see the load average) lowers the figures.',
    '',
    '## Results',
    '',
    '| figure | value | target | result |',
    '|---|---:|---|---|',
    ...rows.map((r) => {
      const v = verdict(r);
      const result = v === 'pass' ? '✅ pass' : v === 'fail' ? '❌ fail' : '';
      const figure = r.note ? `${r.figure} (${r.note})` : r.figure;
      return `| ${figure} | ${formatValue(r.value, r.unit)} | ${formatTarget(r)} | ${result} |`;
    }),
    '',
  ];
  if (failures.length) {
    lines.push('## Benchmarks that did not finish', '', ...failures.map((f) => `- **${f.suite}**: ${f.message.split('\n')[0]}`), '');
  }
  lines.push('## How each figure is measured', '', ...methods.map((d) => `- **${d.name}**: ${d.description}`), '');
  lines.push(`The whole run took ${Math.round(elapsedSeconds)} s.`, '');
  return lines.join('\n');
}
