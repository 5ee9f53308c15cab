import { requireArea } from '$lib/server/auth/guards';
import { serviceRecord } from '$lib/server/recognition/service';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return { record: await serviceRecord(user.id) };
}) satisfies PageServerLoad;
