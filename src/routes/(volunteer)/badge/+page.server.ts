import QRCode from 'qrcode';
import { requireArea } from '$lib/server/auth/guards';
import { badgeToken } from '$lib/server/logistics/badge';
import { currentOperationOf } from '$lib/server/operations/access';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
	const svg = await QRCode.toString(badgeToken(user.id), {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M'
	});
	return {
		name: user.name,
		role: user.role,
		operation: operation?.name ?? null,
		qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
	};
}) satisfies PageServerLoad;
