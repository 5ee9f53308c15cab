// A shift (or an availability window) typed as a day and two wall-clock times: an end at or
// before the start is the next morning ("22:00–06:00" is a night shift), never a mistake.
import { addDays, zonedTime } from '$lib/time';

/** True when the window ends on the day after it starts. */
export const isOvernight = (startTime: string, endTime: string) => endTime <= startTime;

/** The instants of a window that starts on `date` at `startTime`, in the operation's timezone. */
export function wallClockWindow(date: string, startTime: string, endTime: string, timezone: string) {
	return {
		startsAt: zonedTime(date, startTime, timezone),
		endsAt: zonedTime(isOvernight(startTime, endTime) ? addDays(date, 1) : date, endTime, timezone)
	};
}
