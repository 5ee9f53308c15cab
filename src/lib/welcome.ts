/** How long a welcome link (an organizer's link to set a first password) stays valid. */
export const WELCOME_LINK_DAYS = 7;
