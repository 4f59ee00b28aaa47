import { Migration } from '@mikro-orm/migrations';

/** Editor accounts (编辑账号) the coordinator issues to partners, for signing in as their editors. */
export class Migration20261129231024 extends Migration {

  override name = 'Migration20261129231024';

  override up(): void | Promise<void> {
    this.addSql(`create table "partner_account" ("login" varchar(40) not null, "name" varchar(100) not null, "partner_id" uuid not null, "kind" varchar(20) not null, "issued_at" timestamptz not null, "issued_by" varchar(200) not null, primary key ("login"));`);
    this.addSql(`create index "partner_account_partner_id_index" on "partner_account" ("partner_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "partner_account" cascade;`);
  }

}
