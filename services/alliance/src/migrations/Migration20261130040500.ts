import { Migration } from '@mikro-orm/migrations';

/**
 * 三张清单 (docs/three-lists.md): the index of published needs and resources, claims (one open
 * claim per partner and need), joint projects with one assignment per partner (the draft
 * commitment each is to create), the history of it all, and each alliance's claim-hall days.
 * (`event_retention` is not an entity: the generated drop of it is left out.)
 */
export class Migration20261130040500 extends Migration {

  override name = 'Migration20261130040500';

  override up(): void | Promise<void> {
    this.addSql(`create table "claim" ("id" uuid not null, "alliance_id" uuid not null, "need_id" uuid not null, "need_partner_id" uuid not null, "claimant_partner_id" uuid not null, "claimant_kind" varchar(20) not null, "resource_id" uuid null, "proposal" text not null, "status" varchar(20) not null, "note" text null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "decided_at" timestamptz null, "decided_by" varchar(200) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "claim_alliance_id_index" on "claim" ("alliance_id");`);
    this.addSql(`create index "claim_need_id_index" on "claim" ("need_id");`);
    this.addSql(`create unique index "claim_one_pending_per_partner" on "claim" ("need_id", "claimant_partner_id") where "status" = 'PENDING';`);

    this.addSql(`create table "cobuild_change" ("id" uuid not null, "alliance_id" uuid not null, "at" timestamptz not null, "actor" varchar(200) not null, "action" varchar(20) not null, "need_id" uuid null, "resource_id" uuid null, "claim_id" uuid null, "project_id" uuid null, "detail" text null, primary key ("id"));`);
    this.addSql(`create index "cobuild_change_claim_id_index" on "cobuild_change" ("claim_id");`);
    this.addSql(`create index "cobuild_change_project_id_index" on "cobuild_change" ("project_id");`);
    this.addSql(`create index "cobuild_change_alliance_id_at_index" on "cobuild_change" ("alliance_id", "at");`);

    this.addSql(`create table "need_index" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "title" varchar(200) not null, "category" varchar(40) not null, "tags" jsonb not null, "place" varchar(100) null, "wanted_by" date null, "help" jsonb not null, "status" varchar(20) not null, "published_at" timestamptz null, "updated_at" timestamptz not null, "version" int not null, "hall_since" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "need_index_alliance_id_published_at_index" on "need_index" ("alliance_id", "published_at");`);

    this.addSql(`create table "project" ("id" uuid not null, "alliance_id" uuid not null, "need_id" uuid not null, "claim_id" uuid not null, "resource_id" uuid null, "title" varchar(200) not null, "needing_partner_id" uuid not null, "needing_kind" varchar(20) not null, "giving_partner_id" uuid not null, "giving_kind" varchar(20) not null, "status" varchar(20) not null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "satisfaction" int null, "comment" text null, "evaluated_by" varchar(200) null, "evaluated_at" timestamptz null, "closed_at" timestamptz null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "project_alliance_id_index" on "project" ("alliance_id");`);
    this.addSql(`alter table "project" add constraint "project_need_id_unique" unique ("need_id");`);
    this.addSql(`alter table "project" add constraint "project_claim_id_unique" unique ("claim_id");`);
    this.addSql(`create index "project_resource_id_index" on "project" ("resource_id");`);

    this.addSql(`create table "project_assignment" ("id" uuid not null, "project_id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "role" varchar(10) not null, "commitment_id" uuid not null, "title" varchar(200) not null, "description" text null, "category" varchar(40) not null, "due_date" date null, "created_at" timestamptz not null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "project_assignment_project_id_index" on "project_assignment" ("project_id");`);
    this.addSql(`alter table "project_assignment" add constraint "project_assignment_commitment_id_unique" unique ("commitment_id");`);
    this.addSql(`create index "project_assignment_kind_delivered_at_created_at_index" on "project_assignment" ("kind", "delivered_at", "created_at");`);

    this.addSql(`create table "resource_index" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "title" varchar(200) not null, "category" varchar(40) not null, "tags" jsonb not null, "place" varchar(100) null, "available_from" date null, "available_until" date null, "offers" jsonb not null, "status" varchar(20) not null, "published_at" timestamptz null, "updated_at" timestamptz not null, "version" int not null, primary key ("id"));`);
    this.addSql(`create index "resource_index_alliance_id_status_index" on "resource_index" ("alliance_id", "status");`);

    this.addSql(`alter table "alliance" add "claim_hall_days" int not null default 14;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "claim" cascade;`);
    this.addSql(`drop table if exists "cobuild_change" cascade;`);
    this.addSql(`drop table if exists "need_index" cascade;`);
    this.addSql(`drop table if exists "project" cascade;`);
    this.addSql(`drop table if exists "project_assignment" cascade;`);
    this.addSql(`drop table if exists "resource_index" cascade;`);

    this.addSql(`alter table "alliance" drop column "claim_hall_days";`);
  }

}
