import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Paths the API answers (CloudFront sends them to the API origin; the local host to the handlers): ours, and Open311's standard base. */
export const API_PATH_PREFIXES = ['/api/', '/open311/'] as const;
export const isApiPath = (path: string) => API_PATH_PREFIXES.some((p) => path.startsWith(p));
