import { Migration } from '@mikro-orm/migrations';

/** Remembers how far live events have been pruned, so a resume from an older cursor is refused rather than silently short. */
export class Migration20261129221000 extends Migration {

  override name = 'Migration20261129221000';

  override up(): void | Promise<void> {
    this.addSql(`create table "event_retention" ("id" int not null default 1, "pruned_through" bigint not null default 0, primary key ("id"), constraint "event_retention_one_row" check ("id" = 1));`);
    this.addSql(`insert into "event_retention" ("id", "pruned_through") values (1, 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "event_retention" cascade;`);
  }

}
