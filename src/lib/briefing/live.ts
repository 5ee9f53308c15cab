/** The events of the command view's live stream (one per kind of change it shows). */
export const COMMAND_EVENTS = ['coverage', 'reports', 'stock', 'pods', 'command'] as const;
export type CommandEvent = (typeof COMMAND_EVENTS)[number];
