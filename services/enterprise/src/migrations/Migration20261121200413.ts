import { Migration } from '@mikro-orm/migrations';

export class Migration20261121200413 extends Migration {

  override name = 'Migration20261121200413';

  override up(): void | Promise<void> {
    this.addSql(`create table "joint_activity" ("id" uuid not null, "alliance_id" uuid not null, "host_partner_id" uuid not null, "title" varchar(200) not null, "type" varchar(40) not null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "location" varchar(200) null, "description" text null, "minutes" text null, "invited_partner_ids" jsonb not null, "attendance" jsonb not null, "advanced_commitment_ids" jsonb not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "joint_activity_alliance_id_index" on "joint_activity" ("alliance_id");`);

    this.addSql(`create table "party_branch" ("id" uuid not null, "partner_id" uuid not null, "name" varchar(200) not null, "secretary" varchar(60) null, "member_count" int not null default 0, "founded_on" date null, primary key ("id"));`);
    this.addSql(`create index "party_branch_partner_id_index" on "party_branch" ("partner_id");`);

    this.addSql(`create table "commitment" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "branch_id" uuid null, "title" varchar(200) not null, "description" text null, "category" varchar(40) not null, "status" varchar(20) not null, "progress" int not null default 0, "start_date" date null, "due_date" date null, "published_at" timestamptz null, "completed_at" timestamptz null, "last_progress_at" timestamptz null, "withdraw_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "project" varchar(200) not null default '', "site" varchar(200) null, "pioneer_posts" int not null default 0, "responsibility_zones" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "commitment_partner_id_status_index" on "commitment" ("partner_id", "status");`);
    this.addSql(`create index "commitment_alliance_id_index" on "commitment" ("alliance_id");`);

    this.addSql(`create table "commitment_change" ("id" uuid not null, "partner_id" uuid not null, "commitment_id" uuid not null, "actor" varchar(120) not null, "at" timestamptz not null, "field" varchar(60) not null, "old_value" text null, "new_value" text null, primary key ("id"));`);
    this.addSql(`create index "commitment_change_commitment_id_index" on "commitment_change" ("commitment_id");`);

    this.addSql(`create table "party_group" ("id" uuid not null, "partner_id" uuid not null, "branch_id" uuid not null, "name" varchar(200) not null, "leader" varchar(60) null, "member_count" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "party_group_branch_id_index" on "party_group" ("branch_id");`);

    this.addSql(`create table "party_member" ("id" uuid not null, "partner_id" uuid not null, "branch_id" uuid not null, "name" varchar(60) not null, "post" varchar(100) null, "phone" varchar(30) null, "joined_on" date null, primary key ("id"));`);
    this.addSql(`create index "party_member_branch_id_index" on "party_member" ("branch_id");`);

    this.addSql(`create table "outbox" ("seq" bigserial primary key, "event_id" uuid not null, "entity" varchar(20) not null, "entity_id" uuid not null, "version" int not null, "payload" jsonb not null, "created_at" timestamptz not null, "delivered_at" timestamptz null);`);
    this.addSql(`alter table "outbox" add constraint "outbox_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_delivered_at_seq_index" on "outbox" ("delivered_at", "seq");`);

    this.addSql(`create table "partner" ("id" uuid not null, "name" varchar(200) not null, "short_name" varchar(60) null, "description" text null, primary key ("id"));`);

    this.addSql(`create table "progress_report" ("id" uuid not null, "partner_id" uuid not null, "commitment_id" uuid not null, "percent" int not null, "text" text not null, "evidence" jsonb not null, "figures" jsonb not null, "reported_at" timestamptz not null, "reported_by" varchar(120) not null, primary key ("id"));`);
    this.addSql(`create index "progress_report_commitment_id_index" on "progress_report" ("commitment_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "joint_activity" cascade;`);
    this.addSql(`drop table if exists "party_branch" cascade;`);
    this.addSql(`drop table if exists "commitment" cascade;`);
    this.addSql(`drop table if exists "commitment_change" cascade;`);
    this.addSql(`drop table if exists "party_group" cascade;`);
    this.addSql(`drop table if exists "party_member" cascade;`);
    this.addSql(`drop table if exists "outbox" cascade;`);
    this.addSql(`drop table if exists "partner" cascade;`);
    this.addSql(`drop table if exists "progress_report" cascade;`);
  }

}
