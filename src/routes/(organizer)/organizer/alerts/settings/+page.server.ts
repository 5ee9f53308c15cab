import { alertSettingsSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { alertSettings, saveAlertSettings } from '$lib/server/alerts/settings';
import { operationAction } from '$lib/server/forms';
import { operationInAddress, shiftsOperation } from '../../shifts/forms.server';
import type { Actions, PageServerLoad } from './$types';

/** The operation's escalation settings: the wait between steps, who hears first, welfare times. */
export const load = (async ({ url }) => {
	const operation = await shiftsOperation(requireArea('organizer'), url);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		settings: await alertSettings(operation.id)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: operationAction({
		form: 'settings',
		area: 'organizer',
		schema: alertSettingsSchema,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => {
			await saveAlertSettings(user, operation.id, data);
		}
	})
} satisfies Actions;
