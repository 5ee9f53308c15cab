// An alert's words, in the reader's language. Alerts store what their message needs (`params`:
// names, ISO times, codes), never translated text, so the board, the inbox and the briefing all
// render the same alert in whatever language their reader uses.
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { formatDateTime, formatTime } from '$lib/time';

type Message = (inputs?: Record<string, unknown>, options?: { locale: Locale }) => string;
const catalogue = m as unknown as Record<string, Message | undefined>;

/** Params holding an ISO instant, shown as a time in the operation's timezone. */
const TIME_KEYS = ['due', 'since', 'when', 'at', 'deadline'];
/** Params holding a list of flag codes (check-in evidence), shown as plain-language reasons. */
const REASON_KEYS = ['reasons'];

export interface AlertWords {
	kind: string;
	params: Record<string, unknown>;
	count?: number;
}

export interface TextOptions {
	/** The reader's language; the current one when absent (pages). */
	locale?: string;
	timezone: string;
	/** Compare with now to show a day as well as a time when the instant is not today. */
	now?: Date;
}

const asLocale = (locale: string | undefined): Locale | undefined =>
	locale && (locales as readonly string[]).includes(locale) ? (locale as Locale) : locale ? 'en' : undefined;

function say(key: string, inputs: Record<string, unknown>, locale: Locale | undefined): string | undefined {
	const message = catalogue[key];
	if (!message) return undefined;
	return locale ? message(inputs, { locale }) : message(inputs);
}

const formatLocale = (locale: Locale | undefined) =>
	locale ?? (typeof document !== 'undefined' ? document.documentElement.lang || 'en' : 'en');

function instant(value: unknown, options: TextOptions, locale: Locale | undefined): string {
	if (typeof value !== 'string') return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	const now = options.now ?? new Date();
	const sameDay = Math.abs(now.getTime() - date.getTime()) < 12 * 60 * 60_000;
	return sameDay
		? formatTime(date, options.timezone, formatLocale(locale))
		: formatDateTime(date, options.timezone, formatLocale(locale));
}

/** A flag code ("too_fast") as its reason in words; the code itself when no message has it. */
export function reasonText(code: string, params: Record<string, unknown> = {}, locale?: string): string {
	return say(`flag_${code}`, params, asLocale(locale)) ?? code;
}

/** The params ready for a message: times formatted, reasons in words, names kept. */
function inputsOf(params: Record<string, unknown>, options: TextOptions, locale: Locale | undefined) {
	const inputs: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(params)) {
		if (TIME_KEYS.includes(key)) inputs[key] = instant(value, options, locale);
		else if (REASON_KEYS.includes(key) && Array.isArray(value))
			inputs[key] = value
				.map((code) => say(`flag_short_${String(code)}`, {}, locale) ?? String(code))
				.join(', ');
		else if (key === 'sos')
			inputs[key] = typeof value === 'string' ? (say(`sos_kind_${value}`, {}, locale) ?? value) : '';
		else if (key === 'result' && typeof value === 'string')
			inputs[key] = say(`spot_check_result_${value}`, {}, locale) ?? value;
		else if (key === 'help' && typeof value === 'string')
			inputs[key] = say(`guest_help_kind_${value}`, {}, locale) ?? value;
		else inputs[key] = value ?? '';
	}
	inputs.person ??= say('alert_someone', {}, locale);
	inputs.place ??= '';
	inputs.checkpoint ??= '';
	return inputs;
}

/** The alert's kind, as its title ("Patrol overdue"). */
export function alertTitle(kind: string, locale?: string): string {
	return say(`alert_kind_${kind}`, {}, asLocale(locale)) ?? kind;
}

/** What happened, in one sentence ("Ana has not checked in on Bund loop since 21:40."). */
export function alertBody(alert: AlertWords, options: TextOptions): string {
	const locale = asLocale(options.locale);
	const inputs = inputsOf(alert.params, options, locale);
	const variant =
		alert.kind === 'BLIND_SPOT' && !alert.params.since
			? 'alert_body_BLIND_SPOT_never'
			: alert.kind === 'GUEST_HELP' && !alert.params.zone
				? 'alert_body_GUEST_HELP_zone'
				: `alert_body_${alert.kind}`;
	const subject = [alert.params.person, alert.params.place].filter(Boolean).join(' · ');
	return say(variant, inputs, locale) ?? say('alert_body_generic', { subject }, locale) ?? subject;
}

/** "raised 5 times", for an alert that folded repeats into itself; empty for a single raise. */
export function alertRepeats(count: number, locale?: string): string {
	return count > 1 ? (say('alert_folded', { count }, asLocale(locale)) ?? '') : '';
}

/** The status in words ("Taken on"). */
export function alertStatus(status: string, locale?: string): string {
	return say(`alert_status_${status}`, {}, asLocale(locale)) ?? status;
}
