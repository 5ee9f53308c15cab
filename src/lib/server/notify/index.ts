// Notifications: devices, inbox, broadcasts and the push worker. Routes import from here.
export {
	saveSubscription,
	listDevices,
	removeDevice,
	removeDeviceByEndpoint,
	PushHostRefusedError
} from './subscriptions';
export { listInbox, unreadCount, getNotice, markRead, markAllRead, acknowledge } from './inbox';
export { resolveAudience, countAudience } from './audience';
export {
	previewAudience,
	sendBroadcast,
	broadcastStatus,
	resendToUnacknowledged,
	listBroadcasts,
	type BroadcastStatus
} from './broadcasts';
export { startDeliveryWorker, wakeDeliveries, DeliveryWorker } from './deliver';
export { consumeEvents } from './from-events';
export { remindUpcomingShifts } from './reminders';

/** The VAPID public key browsers subscribe with. */
export { vapidPublicKey } from './vapid';
