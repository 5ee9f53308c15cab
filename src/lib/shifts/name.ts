// What a shift is called on every screen, message and file: its own title when the organizer gave
// it one ("Night watch"), else its place (the route it patrols or the post it staffs).

export interface NamedShift {
	title?: string | null;
	route?: { name: string } | null;
	post?: { name: string } | null;
}

export function shiftName(shift: NamedShift, fallback = ''): string {
	return shift.title || shift.route?.name || shift.post?.name || fallback;
}
