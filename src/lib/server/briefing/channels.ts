// Every live-bus channel whose notices change what the command view shows.
import type { CommandEvent } from '$lib/briefing/live';
import { logisticsChannel } from '../logistics/live';
import { coverageChannel, reportsChannel } from '../patrols/channels';
import { podsChannel } from '../pods/bookings';
import { commandChannel } from './command';

/** As `liveResponse` takes them: one event name per channel, all meaning "reload". */
export const commandChannels = (operationId: string): Record<CommandEvent, string> => ({
	coverage: coverageChannel(operationId),
	reports: reportsChannel(operationId),
	stock: logisticsChannel(operationId),
	pods: podsChannel(operationId),
	command: commandChannel(operationId)
});
