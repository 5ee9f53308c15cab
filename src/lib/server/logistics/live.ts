// Live-bus channels for supplies. Notices carry ids only; boards reload what they show.
import { publish } from '../live/bus';

/** Logistics boards and the command view of an operation: stock or requests changed. */
export const logisticsChannel = (operationId: string) => `logistics:${operationId}`;
/** The meal tick list of one shift: someone was served (on any phone). */
export const mealsChannel = (shiftId: string) => `meals:${shiftId}`;
/** The supplies screen of one post. */
export const postChannel = (postId: string) => `supply-post:${postId}`;

/** Tells open boards to reload; a lost notice only delays a refresh, so it never fails the change. */
export function announce(operationId: string, postId?: string) {
	const notices = [publish(logisticsChannel(operationId))];
	if (postId) notices.push(publish(postChannel(postId)));
	return Promise.all(notices).catch((error) => console.error('[logistics] live notice failed', error));
}
