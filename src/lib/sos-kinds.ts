// What an SOS can say it is about, apart from the SOS schemas: the SOS button on every volunteer
// page needs the list, not the schemas' validation code and error messages.
export const SOS_KINDS = ['MEDICAL', 'THREAT', 'LOST_PERSON', 'OTHER'] as const;
export type SosKind = (typeof SOS_KINDS)[number];
