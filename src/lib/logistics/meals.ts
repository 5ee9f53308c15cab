// Where a shift's meals stand, for the meal screens: nobody on it (nothing to serve, nothing to
// celebrate), some still to eat, or everyone served.

export type MealProgress = 'nobody' | 'waiting' | 'done';

export function mealProgress(shift: { served: number; entitled: number }): MealProgress {
	if (shift.entitled === 0) return 'nobody';
	return shift.served >= shift.entitled ? 'done' : 'waiting';
}
