import { Migration20261121200417 } from './Migration20261121200417.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [{ name: 'Migration20261121200417', class: Migration20261121200417 }];
