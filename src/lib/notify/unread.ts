/** The root layout's unread count depends on this; invalidate it after reading or acknowledging. */
export const UNREAD_DEPENDENCY = 'app:unread';
