/** How the ingestion benchmark and its OsmAnd phase state their figures: the load average beside each, and rates. */
import { loadavg } from 'node:os';

/** The 1, 5 and 15 minute load averages, `0.5 1.2 2.0`: the machine may be shared. */
export const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

/** `count` items in `msec` milliseconds, per second. */
export const perSecond = (count, msec) => count / (msec / 1000);

/** `5,123/s` */
export const rate = (value) => `${Math.round(value).toLocaleString('en')}/s`;
