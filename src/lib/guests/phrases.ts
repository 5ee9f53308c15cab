// The phrases a patrol needs with a guest, in the order a conversation goes.
import { EMERGENCY_NUMBERS } from './kinds';

export const PHRASES = [
	'phrase_hello',
	'phrase_where_going',
	'phrase_wait_here',
	'phrase_need_doctor',
	'phrase_hurt',
	'phrase_follow_me',
	'phrase_show_map',
	'phrase_exit_there',
	'phrase_lost_what',
	'phrase_emergency'
] as const;

/** What the phrases' placeholders stand for. */
export const PHRASE_PARAMS = { ...EMERGENCY_NUMBERS };

/** Speech synthesis language tags that differ from the app's locale codes. */
const VOICE_TAGS: Record<string, string[]> = { fil: ['fil', 'tl'], id: ['id', 'in'], zh: ['zh-CN', 'zh'] };

/** The phone's voice for `locale`, if it has one. */
export function voiceFor(voices: SpeechSynthesisVoice[], locale: string): SpeechSynthesisVoice | undefined {
	const tags = (VOICE_TAGS[locale] ?? [locale]).map((tag) => tag.toLowerCase());
	const lang = (voice: SpeechSynthesisVoice) => voice.lang.toLowerCase().replace('_', '-');
	return (
		voices.find((voice) => tags.includes(lang(voice))) ??
		voices.find((voice) => tags.some((tag) => lang(voice).startsWith(`${tag.split('-')[0]}-`)))
	);
}
