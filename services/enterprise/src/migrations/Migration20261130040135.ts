import { Migration } from '@mikro-orm/migrations';

export class Migration20261130040135 extends Migration {

  override name = 'Migration20261130040135';

  override up(): void | Promise<void> {
    this.addSql(`create table "cobuild_item_change" ("id" uuid not null, "partner_id" uuid not null, "item_id" uuid not null, "actor" varchar(120) not null, "at" timestamptz not null, "field" varchar(60) not null, "old_value" text null, "new_value" text null, primary key ("id"));`);
    this.addSql(`create index "cobuild_item_change_item_id_index" on "cobuild_item_change" ("item_id");`);

    this.addSql(`create table "need" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "title" varchar(200) not null, "description" text null, "category" varchar(40) not null, "tags" jsonb not null, "place" varchar(100) null, "status" varchar(20) not null, "published_at" timestamptz null, "withdraw_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "wanted_by" date null, "help" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "need_partner_id_status_index" on "need" ("partner_id", "status");`);
    this.addSql(`create index "need_alliance_id_index" on "need" ("alliance_id");`);

    this.addSql(`create table "resource" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "title" varchar(200) not null, "description" text null, "category" varchar(40) not null, "tags" jsonb not null, "place" varchar(100) null, "status" varchar(20) not null, "published_at" timestamptz null, "withdraw_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "available_from" date null, "available_until" date null, "offers" jsonb not null, "conditions" text null, primary key ("id"));`);
    this.addSql(`create index "resource_partner_id_status_index" on "resource" ("partner_id", "status");`);
    this.addSql(`create index "resource_alliance_id_index" on "resource" ("alliance_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "cobuild_item_change" cascade;`);
    this.addSql(`drop table if exists "need" cascade;`);
    this.addSql(`drop table if exists "resource" cascade;`);
  }

}
