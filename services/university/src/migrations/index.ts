import { Migration20261121200417 } from './Migration20261121200417.ts';
import { Migration20261130040150 } from './Migration20261130040150.ts';
import { Migration20261130120000 } from './Migration20261130120000.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [
  { name: 'Migration20261121200417', class: Migration20261121200417 },
  { name: 'Migration20261130040150', class: Migration20261130040150 },
  { name: 'Migration20261130120000', class: Migration20261130120000 },
];
