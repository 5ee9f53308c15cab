import type { Locale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { certificate } from '$lib/server/recognition/service';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const user = requireArea('volunteer');
	const lang = url.searchParams.get('lang') === 'zh' ? 'zh' : 'en';
	try {
		return { bare: true, lang: lang as Locale, certificate: await certificate(user.id, params.operationId) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;
