import { Migration20261121200129 } from './Migration20261121200129.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [{ name: 'Migration20261121200129', class: Migration20261121200129 }];
