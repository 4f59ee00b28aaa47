import { Migration20261121200329 } from './Migration20261121200329.ts';
import { Migration20261129221000 } from './Migration20261129221000.ts';
import { Migration20261129231024 } from './Migration20261129231024.ts';
import { Migration20261130005451 } from './Migration20261130005451.ts';
import { Migration20261130040500 } from './Migration20261130040500.ts';
import { Migration20261130043757 } from './Migration20261130043757.ts';

/** Committed migrations, in the order they apply. */
export const migrations = [
  { name: 'Migration20261121200329', class: Migration20261121200329 },
  { name: 'Migration20261129221000', class: Migration20261129221000 },
  { name: 'Migration20261129231024', class: Migration20261129231024 },
  { name: 'Migration20261130005451', class: Migration20261130005451 },
  { name: 'Migration20261130040500', class: Migration20261130040500 },
  { name: 'Migration20261130043757', class: Migration20261130043757 },
];
