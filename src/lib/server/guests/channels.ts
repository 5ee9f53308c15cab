// Live-bus channels for guest help. Notices carry ids only; pages reload what they show.

/** One guest's own request page. */
export const guestRequestChannel = (requestId: string) => `guest-request:${requestId}`;

/** The help requests of one zone, for the volunteers on duty there. */
export const guestZoneChannel = (zoneId: string) => `guest-zone:${zoneId}`;

/** Every help request of an operation, for the organizers' board. */
export const guestOperationChannel = (operationId: string) => `guest-operation:${operationId}`;
