// The kinds of stock movement a person records, and what each needs: a place the stock leaves
// (from), a place it arrives at (to), a best-before date, a supplier, a reason. One list for the
// stock form (which fields to show), its schema and the server (which ledger call to make).

export const MOVEMENT_KINDS = [
	'RECEIVED',
	'TRANSFER',
	'ISSUED',
	'WASTED',
	'ADJUSTED_UP',
	'ADJUSTED_DOWN'
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

interface KindRule {
	/** Stock leaves a place: the form asks for `fromPostId`. */
	from: boolean;
	/** Stock arrives at a place: the form asks for `toPostId`. */
	to: boolean;
	/** Arriving stock may carry a best-before date. */
	dated: boolean;
	/** Who delivered it. */
	supplier: boolean;
	/** Losses and recounts must say why. */
	reasonRequired: boolean;
}

export const MOVEMENT_RULES: Record<MovementKind, KindRule> = {
	RECEIVED: { from: false, to: true, dated: true, supplier: true, reasonRequired: false },
	TRANSFER: { from: true, to: true, dated: false, supplier: false, reasonRequired: false },
	ISSUED: { from: true, to: false, dated: false, supplier: false, reasonRequired: false },
	WASTED: { from: true, to: false, dated: false, supplier: false, reasonRequired: true },
	ADJUSTED_UP: { from: false, to: true, dated: true, supplier: false, reasonRequired: true },
	ADJUSTED_DOWN: { from: true, to: false, dated: false, supplier: false, reasonRequired: true }
};

/** The rule of a kind sent by a form; an unknown kind needs nothing (the schema refuses it). */
export function movementRule(kind: string): KindRule {
	return (
		MOVEMENT_RULES[kind as MovementKind] ?? {
			from: false,
			to: false,
			dated: false,
			supplier: false,
			reasonRequired: false
		}
	);
}

/** The form field that names a recount's location (the ledger calls it `postId`). */
export const adjustedPlaceField = (kind: 'ADJUSTED_UP' | 'ADJUSTED_DOWN') =>
	MOVEMENT_RULES[kind].to ? 'toPostId' : 'fromPostId';
