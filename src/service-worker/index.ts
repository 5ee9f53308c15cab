/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// Wires the service worker's events to the modules that handle them; no work happens here.
import { onFetch } from './fetch';
import { activate, install, onMessage } from './lifecycle';
import { onNotificationClick, onPush } from './push';
import { onSync, type SyncEvent } from './sync';

const worker = self as unknown as ServiceWorkerGlobalScope;

worker.addEventListener('install', (event) => event.waitUntil(install()));
worker.addEventListener('activate', (event) => event.waitUntil(activate(worker)));
worker.addEventListener('message', (event) => onMessage(worker, event));
worker.addEventListener('fetch', (event) => onFetch(worker, event));
worker.addEventListener('sync', (event) => onSync(event as SyncEvent));
worker.addEventListener('push', (event) => onPush(worker, event));
worker.addEventListener('notificationclick', (event) => onNotificationClick(worker, event));
