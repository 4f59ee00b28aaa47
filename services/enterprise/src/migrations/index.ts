import { Migration20261121200413 } from './Migration20261121200413.ts';
import { Migration20261130040135 } from './Migration20261130040135.ts';
import { Migration20261130120000 } from './Migration20261130120000.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [
  { name: 'Migration20261121200413', class: Migration20261121200413 },
  { name: 'Migration20261130040135', class: Migration20261130040135 },
  { name: 'Migration20261130120000', class: Migration20261130120000 },
];
