// Honest times. A phone in a dead zone may send a check-in hours after it happened, and its clock
// may be wrong. Every request carries the phone's time of the event and the phone's time of
// sending; the server's own clock at arrival then tells how far off the phone's clock is, and the
// event's real time is the phone's time corrected by that much.

/** Differences up to this are network delay and ordinary drift, not a wrong clock. */
export const CLOCK_TOLERANCE_SECONDS = 120;

export interface PhoneTimes {
	/** When it happened, by the phone's clock. Absent for forms sent without JavaScript. */
	phoneTime?: Date;
	/** When the phone sent this request, by the phone's clock. */
	sentAt?: Date;
}

export interface HonestTime {
	happenedAt: Date;
	phoneTime: Date;
	receivedAt: Date;
	/** Server time minus phone time, at sending. */
	clockOffsetSeconds: number;
}

export function honestTime({ phoneTime, sentAt }: PhoneTimes, receivedAt = new Date()): HonestTime {
	const phone = phoneTime ?? receivedAt;
	const offsetMs = sentAt ? receivedAt.getTime() - sentAt.getTime() : 0;
	const clockOffsetSeconds = Math.round(offsetMs / 1000);
	const corrected = isClockOff(clockOffsetSeconds) ? phone.getTime() + offsetMs : phone.getTime();
	// Nothing the server has received can have happened after it arrived.
	const happenedAt = new Date(Math.min(corrected, receivedAt.getTime()));
	return { happenedAt, phoneTime: phone, receivedAt, clockOffsetSeconds };
}

export function isClockOff(clockOffsetSeconds: number): boolean {
	return Math.abs(clockOffsetSeconds) > CLOCK_TOLERANCE_SECONDS;
}
