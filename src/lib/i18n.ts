import { m } from '$lib/paraglide/messages';

type Message = (inputs?: Record<string, unknown>) => string;
const catalogue = m as unknown as Record<string, Message | undefined>;

/** A message looked up by a key made at run time (a status, a role, an error code). */
export function translate(key: string, params: Record<string, unknown> = {}): string | undefined {
	return catalogue[key]?.(params);
}

export function errorText(code: string, params: Record<string, unknown> = {}): string {
	return translate(`error_${code}`, params) ?? m.error_unexpected();
}

export { languageName } from './interface-languages';
