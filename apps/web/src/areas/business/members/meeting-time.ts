// A meeting's day and times as the form takes them (pure: unit-tested).

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The time mask's digits (`1800`) as `18:00`. */
export const timeOf = (raw: string) => {
  const digits = raw.replace(/\D/g, '');
  return digits.length === 4 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits;
};

/** A day (`YYYY-MM-DD`) and a time (`HH:MM`) in the browser's time zone as an instant. */
export function instantOf(day: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !TIME.test(time)) return undefined;
  const date = new Date(`${day}T${time}:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
