/// <reference lib="webworker" />
import { version } from '$service-worker';

/** Caches belong to one build; older builds' caches are removed when this one takes over. */
export const cachePrefix = 'redband-';
export const cacheName = (purpose: string) => `${cachePrefix}${purpose}-${version}`;
