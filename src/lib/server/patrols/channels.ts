// Live-bus channels for patrol boards. Notices carry ids only; boards reload what they show.

/** The organizers' coverage board of an operation. */
export const coverageChannel = (operationId: string) => `coverage:${operationId}`;

/** A shift leader's view of the people on one shift. */
export const teamChannel = (shiftId: string) => `team:${shiftId}`;

/** The field reports inbox of an operation. */
export const reportsChannel = (operationId: string) => `reports:${operationId}`;
