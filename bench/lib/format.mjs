/** `0.412 ms` with a precision that suits the magnitude. */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) < 10 ? 3 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

/** `+0.120 ms` */
export function deltaMs(value) {
  return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
}

/** `61.4 MB` */
export function mb(value) {
  return Number.isFinite(value) ? `${value.toFixed(1)} MB` : 'n/a';
}

/** A plain text table; `align` is a string of `l`/`r` per column. */
export function table(header, rows, align = '') {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) =>
        align[column] === 'r' ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((width) => '─'.repeat(width)).join('  '), ...all.slice(1).map(line)].join(
    '\n',
  );
}
