import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { listDevices, removeDevice, vapidPublicKey } from '$lib/server/notify';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return {
		devices: await listDevices(user.id),
		vapidPublicKey: vapidPublicKey()
	};
}) satisfies PageServerLoad;

export const actions = {
	remove: formAction({
		form: 'remove',
		area: 'volunteer',
		schema: recordId,
		run: ({ user, data }) => removeDevice(user.id, data.id)
	})
} satisfies Actions;
