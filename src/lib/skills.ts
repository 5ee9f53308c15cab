// Skills and languages volunteers can declare and shifts can require. Shared by forms and server.

export const SKILLS = [
	'FIRST_AID',
	'DRIVING',
	'INTERPRETING',
	'SIGN_LANGUAGE',
	'CROWD_SAFETY',
	'RADIO',
	'LIFTING'
] as const;
export type Skill = (typeof SKILLS)[number];

/** A certificate or licence backs these: they count only once an organizer has seen the proof. */
export const SKILLS_NEEDING_PROOF: readonly Skill[] = ['FIRST_AID', 'DRIVING'];

export const needsProof = (skill: string) => (SKILLS_NEEDING_PROOF as readonly string[]).includes(skill);
export const isSkill = (code: string): code is Skill => (SKILLS as readonly string[]).includes(code);

/** Languages offered in forms, as BCP 47 codes; names come from Intl in the reader's language. */
export const LANGUAGES = [
	'zh',
	'en',
	'yue',
	'ja',
	'ko',
	'fr',
	'de',
	'es',
	'ru',
	'ar',
	'pt',
	'it',
	'th',
	'vi'
] as const;

export const isLanguage = (code: string) => (LANGUAGES as readonly string[]).includes(code);

export function languageName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
