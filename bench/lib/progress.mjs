/**
 * Progress lines for a phase: `lambda › warm invoke over HTTP: 3000/5000`, printed at each fifth
 * of the work (and at the end), so a log of the run shows what it was doing and how far it got.
 */
export function progress(suite, label, total) {
  const step = Math.max(1, Math.ceil(total / 5));
  let next = step;
  return (done) => {
    if (done < next && done !== total) return;
    while (next <= done) next += step;
    process.stdout.write(`${suite} › ${label}: ${done}/${total}\n`);
  };
}

/** A one-off status line of a suite. */
export function say(suite, text) {
  process.stdout.write(`${suite} › ${text}\n`);
}
