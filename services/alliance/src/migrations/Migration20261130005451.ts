import { Migration } from '@mikro-orm/migrations';

/**
 * The coordinator's ledger: traffic-light thresholds per alliance, each indexed item's light and
 * the day the reminder sweep last judged it, reminders (督办) with their answers and decisions
 * (automatic ones unique per item and occasion), and reminder events streamed per partner.
 */
export class Migration20261130005451 extends Migration {

  override name = 'Migration20261130005451';

  override up(): void | Promise<void> {
    this.addSql(`create table "reminder" ("id" uuid not null, "alliance_id" uuid not null, "commitment_id" uuid not null, "partner_id" uuid not null, "kind" varchar(20) not null, "trigger" varchar(20) not null, "auto_key" varchar(40) null, "message" text not null, "reply_by" date not null, "sent_at" timestamptz not null, "sent_by" varchar(200) null, "status" varchar(20) not null, "explanation" text null, "proposed_due_date" date null, "answered_at" timestamptz null, "answered_by" varchar(200) null, "decision_note" text null, "decided_at" timestamptz null, "decided_by" varchar(200) null, "read_at" timestamptz null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "reminder_alliance_id_index" on "reminder" ("alliance_id");`);
    this.addSql(`create index "reminder_partner_id_sent_at_index" on "reminder" ("partner_id", "sent_at");`);
    this.addSql(`alter table "reminder" add constraint "reminder_commitment_id_auto_key_unique" unique ("commitment_id", "auto_key");`);

    this.addSql(`alter table "alliance" add "due_soon_days" int not null default 14, add "stale_days" int not null default 30;`);

    this.addSql(`alter table "alliance_event" add "partner_id" uuid null;`);
    this.addSql(`create index "alliance_event_partner_id_topic_seq_index" on "alliance_event" ("partner_id", "topic", "seq");`);

    this.addSql(`alter table "commitment_index" add "light" varchar(10) null, add "light_reason" varchar(30) null, add "swept_on" date null;`);
    this.addSql(`create index "commitment_index_swept_on_index" on "commitment_index" ("swept_on");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reminder" cascade;`);

    this.addSql(`alter table "alliance" drop column "due_soon_days", drop column "stale_days";`);

    this.addSql(`drop index "alliance_event_partner_id_topic_seq_index";`);
    this.addSql(`alter table "alliance_event" drop column "partner_id";`);

    this.addSql(`drop index "commitment_index_swept_on_index";`);
    this.addSql(`alter table "commitment_index" drop column "light", drop column "light_reason", drop column "swept_on";`);
  }

}
