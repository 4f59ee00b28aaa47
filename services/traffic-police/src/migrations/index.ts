import { Migration20261121200129 } from './Migration20261121200129.ts';
import { Migration20261130040146 } from './Migration20261130040146.ts';
import { Migration20261130120000 } from './Migration20261130120000.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [
  { name: 'Migration20261121200129', class: Migration20261121200129 },
  { name: 'Migration20261130040146', class: Migration20261130040146 },
  { name: 'Migration20261130120000', class: Migration20261130120000 },
];
