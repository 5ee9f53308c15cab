import { inject } from 'vitest';

process.env.DATA_DIR = inject('dataDir');
