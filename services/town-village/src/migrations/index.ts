import { Migration20261121200415 } from './Migration20261121200415.ts';
import { Migration20261130040141 } from './Migration20261130040141.ts';
import { Migration20261130120000 } from './Migration20261130120000.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [
  { name: 'Migration20261121200415', class: Migration20261121200415 },
  { name: 'Migration20261130040141', class: Migration20261130040141 },
  { name: 'Migration20261130120000', class: Migration20261130120000 },
];
