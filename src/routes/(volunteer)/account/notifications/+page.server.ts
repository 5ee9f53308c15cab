import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
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
	remove: async ({ request }) => {
		const user = requireArea('volunteer');
		const id = (await request.formData()).get('id');
		if (typeof id !== 'string' || !id) return fail(400, { message: undefined, removed: false });
		try {
			await removeDevice(user.id, id);
		} catch (caught) {
			return failWith(caught);
		}
		return { removed: true };
	}
} satisfies Actions;
