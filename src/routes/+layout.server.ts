import { mapTiles } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = locals.user;
	return {
		user: user && { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status },
		tiles: mapTiles()
	};
}) satisfies LayoutServerLoad;
