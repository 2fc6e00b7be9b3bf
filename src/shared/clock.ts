/** The time source. Tests inject a fixed or moving clock; production reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** UTC ISO-8601, the only time format stored in the database. */
export function iso(date: Date): string {
  return date.toISOString();
}
