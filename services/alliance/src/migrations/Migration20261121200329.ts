import { Migration } from '@mikro-orm/migrations';

export class Migration20261121200329 extends Migration {

  override name = 'Migration20261121200329';

  override up(): void | Promise<void> {
    this.addSql(`create table "activity_index" ("id" uuid not null, "alliance_id" uuid not null, "host_partner_id" uuid not null, "kind" varchar(20) not null, "title" varchar(200) not null, "type" varchar(40) not null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "invited_partner_ids" jsonb not null, "advanced_commitment_ids" jsonb not null, "version" int not null, primary key ("id"));`);
    this.addSql(`create index "activity_index_alliance_id_starts_at_index" on "activity_index" ("alliance_id", "starts_at");`);

    this.addSql(`create table "agreement" ("id" uuid not null, "alliance_id" uuid not null, "title" varchar(200) not null, "signed_on" date not null, "signatories" jsonb not null, "terms" jsonb not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "agreement" add constraint "agreement_alliance_id_unique" unique ("alliance_id");`);

    this.addSql(`create table "alliance" ("id" uuid not null, "name" varchar(200) not null, "description" text null, "coordinator_name" varchar(200) not null, "founded_on" date null, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);

    this.addSql(`create table "alliance_event" ("seq" bigserial primary key, "alliance_id" uuid not null, "topic" varchar(20) not null, "entity_id" uuid not null, "kind" varchar(20) not null, "action" varchar(20) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "alliance_event_alliance_id_topic_seq_index" on "alliance_event" ("alliance_id", "topic", "seq");`);

    this.addSql(`create table "commitment_index" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "title" varchar(200) not null, "category" varchar(40) not null, "status" varchar(20) not null, "progress" int not null, "start_date" date null, "due_date" date null, "published_at" timestamptz null, "completed_at" timestamptz null, "last_progress_at" timestamptz null, "updated_at" timestamptz not null, "version" int not null, primary key ("id"));`);
    this.addSql(`create index "commitment_index_alliance_id_due_date_id_index" on "commitment_index" ("alliance_id", "due_date", "id");`);

    this.addSql(`create table "ingested_event" ("event_id" uuid not null, "received_at" timestamptz not null, primary key ("event_id"));`);

    this.addSql(`create table "joint_meeting" ("id" uuid not null, "alliance_id" uuid not null, "title" varchar(200) not null, "held_at" timestamptz not null, "location" varchar(200) null, "agenda" jsonb not null, "decisions" text null, "convened_by" varchar(120) not null, primary key ("id"));`);
    this.addSql(`create index "joint_meeting_alliance_id_index" on "joint_meeting" ("alliance_id");`);

    this.addSql(`create table "membership" ("id" uuid not null, "alliance_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "partner_name" varchar(200) not null, "liaison_name" varchar(60) null, "liaison_title" varchar(100) null, "joined_on" date not null, primary key ("id"));`);
    this.addSql(`create index "membership_partner_id_index" on "membership" ("partner_id");`);
    this.addSql(`alter table "membership" add constraint "membership_alliance_id_partner_id_unique" unique ("alliance_id", "partner_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "activity_index" cascade;`);
    this.addSql(`drop table if exists "agreement" cascade;`);
    this.addSql(`drop table if exists "alliance" cascade;`);
    this.addSql(`drop table if exists "alliance_event" cascade;`);
    this.addSql(`drop table if exists "commitment_index" cascade;`);
    this.addSql(`drop table if exists "ingested_event" cascade;`);
    this.addSql(`drop table if exists "joint_meeting" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
  }

}
