import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Tracks a form submitted with use:enhance, so its button can say "Saving…" and refuse a second
 * tap while the first is on its way.
 */
export class FormStatus {
	pending = $state(false);

	enhance: SubmitFunction = () => {
		this.pending = true;
		return async ({ update }) => {
			try {
				await update();
			} finally {
				this.pending = false;
			}
		};
	};
}
