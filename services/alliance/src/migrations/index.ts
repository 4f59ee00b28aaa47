import { Migration20261121200329 } from './Migration20261121200329.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [{ name: 'Migration20261121200329', class: Migration20261121200329 }];
