import type { Component } from 'svelte';
import House from '@lucide/svelte/icons/house';
import LayoutDashboard from '@lucide/svelte/icons/layout-dashboard';
import Users from '@lucide/svelte/icons/users';
import CalendarDays from '@lucide/svelte/icons/calendar-days';
import Package from '@lucide/svelte/icons/package';
import Coffee from '@lucide/svelte/icons/coffee';
import Radar from '@lucide/svelte/icons/radar';
import RouteIcon from '@lucide/svelte/icons/route';
import HandHelping from '@lucide/svelte/icons/hand-helping';
import { m } from '$lib/paraglide/messages';
import { canEnter, type Area, type Role } from '$lib/roles';

export interface NavItem {
	href: string;
	label: () => string;
	icon: Component;
	area: Area;
	/** Shown to these roles only, when narrower than the area (a volunteer's own home). */
	roles?: Role[];
	/**
	 * A page, not a section: lit on its own address only. The organizer's overview sits at the
	 * root of every organizer address; without this it lit up on broadcasts, meals, briefing…
	 */
	exact?: boolean;
}

/**
 * Every destination in the bottom bar (phones) and the header (wider screens), in display order.
 * Five at most per role; the account page is the header's person icon, for everyone.
 */
const items: NavItem[] = [
	{ href: '/home', label: m.nav_home, icon: House, area: 'volunteer', roles: ['VOLUNTEER', 'LOGISTICS'] },
	{
		href: '/shifts',
		label: m.nav_shifts,
		icon: CalendarDays,
		area: 'volunteer',
		roles: ['VOLUNTEER', 'LOGISTICS']
	},
	{ href: '/patrol', label: m.nav_patrol, icon: RouteIcon, area: 'volunteer', roles: ['VOLUNTEER'] },
	{ href: '/guests', label: m.nav_guests, icon: HandHelping, area: 'volunteer', roles: ['VOLUNTEER'] },
	{
		href: '/supplies',
		label: m.supplies_nav,
		icon: Coffee,
		area: 'volunteer',
		roles: ['VOLUNTEER', 'LOGISTICS']
	},
	{ href: '/organizer', label: m.nav_overview, icon: LayoutDashboard, area: 'organizer', exact: true },
	{ href: '/organizer/volunteers', label: m.nav_volunteers, icon: Users, area: 'organizer' },
	{ href: '/organizer/shifts', label: m.nav_shifts, icon: CalendarDays, area: 'organizer' },
	{ href: '/organizer/patrols', label: m.nav_patrols, icon: Radar, area: 'organizer' },
	{ href: '/logistics', label: m.nav_logistics, icon: Package, area: 'logistics' }
];

export function navigationFor(role: Role): NavItem[] {
	return items.filter((item) => canEnter(role, item.area) && (!item.roles || item.roles.includes(role)));
}

/** The nav item a path belongs to: the longest href that prefixes it. */
export function activeHref(pathname: string, nav: NavItem[]): string | undefined {
	return nav
		.filter((item) => pathname === item.href || (!item.exact && pathname.startsWith(item.href + '/')))
		.sort((a, b) => b.href.length - a.href.length)[0]?.href;
}
