import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
		interface Error {
			message: string;
		}
		interface PageState {
			sheet?: string;
		}
	}
}

export {};
